/**
 * Domain synonyms: each group lists spellings of one idea; a query naming one member also finds
 * the others (at a lower weight than the words typed). Members are normalised word sequences.
 * Keep the list short and unambiguous: a wrong synonym costs more than a missing one.
 * One group per line, its members separated by commas.
 */
export const SYNONYM_GROUPS: readonly string[][] = [
  'sign in,signin,sign on,log in,login,logon',
  'sign out,signout,log out,logout,logoff',
  'sign up,signup,register,registration,self service registration',
  'mfa,multifactor,multi factor,2fa,two factor,two step,second factor',
  'idp,identity provider',
  'sso,single sign on',
  'slo,single logout,single log out',
  'otp,one time password,passcode',
  'passkey,webauthn,fido2',
  'oidc,openid connect',
  'ad,active directory',
  'app,application',
  'org,organization',
  'admin,administrator',
  'delete,remove',
  'compromised,breached,leaked',
  'fallback,backup,failover',
  'error,fail,failure',
  'rate limit,throttle',
  'sms,text message',
  'email,e mail',
  'retention,retain,keep',
  'self service,selfservice,their own',
  'native app,mobile app',
].map((group) => group.split(','));
