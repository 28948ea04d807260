import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { md, page, pick, recordsOf } from '../helpers/notes.ts';

const FEBRUARY = page('Okta Identity Engine API release notes 2026', md`
  <ApiLifecycle access="ie" />

  # Okta Identity Engine API release notes (2026)

  ## February

  ### Weekly release 2026.02.2
  <!-- Published on: 2026-02-20T12:00:00Z -->

  | Change | Expected in Preview Orgs |
  | ------ | ------------------------ |
  | [Passkey rebrand is GA in Production](#passkey-rebrand-is-ga-in-production) | February 18, 2026 |
  | [Bugs fixed in 2026.02.2](#bugs-fixed-in-2026-02-2) | February 18, 2026 |

  #### Passkey rebrand is GA in Production

  FIDO2 (WebAuthn) is now **Passkeys** in the [Authenticators API](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Authenticator/) &amp; the <a href="/docs/">docs</a>. <!-- OKTA-1012303 FF: PASSKEYS_REBRAND preview date: Feb 4, 2026 -->

  #### Bugs fixed in 2026.02.2

  * The \`/api/v1/users\` endpoint returned an HTTP 500 error. (OKTA-1093354)

    * Nested detail of the same bug.
  <!--OKTA-1093999 -->

  * Group rules failed, see [Policies](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/#tag/Policy/operation/listPolicies). (OKTA-1100001)
`);

describe('records', () => {
  test('should build the whole record of a change heading', () => {
    const [record] = recordsOf(FEBRUARY, '2026-okta-identity-engine.md');
    assert.deepEqual(record, {
      id: 'identity-engine/2026.02.2/passkey-rebrand-is-ga-in-production',
      title: 'Passkey rebrand is GA in Production',
      text: 'FIDO2 (WebAuthn) is now Passkeys in the Authenticators API & the docs.',
      file: '2026-okta-identity-engine.md',
      line: 19,
      product: 'Identity Engine',
      release: '2026.02.2',
      releaseType: 'weekly',
      date: '2026-02-20',
      lifecycle: 'ga-production',
      kind: 'feature',
      areas: ['Authenticators'],
      tickets: ['OKTA-1012303'],
      flags: ['PASSKEYS_REBRAND'],
      anchor: 'passkey-rebrand-is-ga-in-production',
      url: 'https://developer.okta.com/docs/release-notes/2026-okta-identity-engine/#passkey-rebrand-is-ga-in-production',
    });
  });

  test('should build the whole record of a bug bullet with its nested bullets and trailing comment', () => {
    const record = recordsOf(FEBRUARY, '2026-okta-identity-engine.md')[1];
    assert.deepEqual(record, {
      id: 'identity-engine/2026.02.2/bugs-fixed-in-2026-02-2/OKTA-1093354',
      title: 'The /api/v1/users endpoint returned an HTTP 500 error. (OKTA-1093354)',
      text: 'The /api/v1/users endpoint returned an HTTP 500 error. (OKTA-1093354)\nNested detail of the same bug.',
      file: '2026-okta-identity-engine.md',
      line: 25,
      product: 'Identity Engine',
      release: '2026.02.2',
      releaseType: 'weekly',
      date: '2026-02-20',
      lifecycle: null,
      kind: 'fix',
      areas: [],
      tickets: ['OKTA-1093354', 'OKTA-1093999'],
      flags: [],
      anchor: 'bugs-fixed-in-2026-02-2',
      url: 'https://developer.okta.com/docs/release-notes/2026-okta-identity-engine/#bugs-fixed-in-2026-02-2:~:text=The%20%2Fapi%2Fv1%2Fusers%20endpoint%20returned%20an%20HTTP',
    });
  });

  test('should take areas from API reference links and pluralise them', () => {
    assert.deepEqual(pick(recordsOf(FEBRUARY).slice(2), 'areas'), [{ areas: ['Policies'] }]);
  });

  test('should date a change by its summary-table row, or by its release when the row gives a Preview date months before it', () => {
    const records = recordsOf(md`
      ## November

      ### Monthly release 2021.11.0

      | Change | Expected in Preview Orgs |
      |--------|--------------------------|
      | [Org API is GA in Production](#org-api-is-ga-in-production) | March 3, 2021 |
      | [Event hooks daily limit](#event-hooks-daily-limit) | November 10, 2021 |
      | [Rate limit change](#rate-limit-change) | November 3, 2021 |

      #### Org API is GA in Production

      Text.

      #### Event hooks daily limit

      Text.

      #### Rate limit change

      Text.

      #### Unlisted change

      Text.
    `, '2021.md');
    assert.deepEqual(pick(records, 'date'), [{ date: '2021-11-10' }, { date: '2021-11-10' }, { date: '2021-11-03' }, { date: '2021-11-10' }]);
  });

  test('should date an old-era release by its ISO week when no table gives a date', () => {
    const records = recordsOf(md`
      ## 2016.52

      ### Platform Bugs Fixed

      * A bug. (OKTA-109683)
    `, '2016.md');
    assert.deepEqual(pick(records, 'release', 'releaseType', 'date'), [{ release: '2016.52', releaseType: null, date: '2016-12-26' }]);
  });

  test('should date a release without a version by its month heading', () => {
    const records = recordsOf(page('Okta Aerial API release notes 2025', md`
      ## December 2025

      ### Weekly release

      #### Bug fixed

      A bug. (OKTA-1076624)
    `), '2025-okta-aerial.md');
    assert.deepEqual(pick(records, 'product', 'release', 'releaseType', 'date', 'kind'), [
      { product: 'Aerial', release: null, releaseType: 'weekly', date: '2025-12-01', kind: 'fix' },
    ]);
  });

  test('should read the lifecycle from a lifecycle tag when the heading states none', () => {
    const records = recordsOf(md`
      ### Monthly release 2025.12.0

      #### Entitlement Settings API

      <ApiLifecycle access="beta" />

      The Entitlement Settings API manages settings.
    `, '2025-okta-identity-governance.md');
    assert.deepEqual(pick(records, 'lifecycle', 'product', 'text'), [
      { lifecycle: 'beta', product: 'Identity Governance', text: 'The Entitlement Settings API manages settings.' },
    ]);
  });

  test('should drop commented-out text but keep the tickets and flags it names', () => {
    const records = recordsOf(md`
      ### Monthly release 2024.03.0

      #### Network zones

      Shown text. <!-- ENHANCED_DYNAMIC_NETWORK_ZONE OKTA-727934 -->

      <!---Removing as part of OKTA-734890: * If an API request contained malformed syntax. (OKTA-728810) --->
    `, '2024.md');
    assert.deepEqual(pick(records, 'text', 'tickets', 'flags'), [
      { text: 'Shown text.', tickets: ['OKTA-727934', 'OKTA-728810', 'OKTA-734890'], flags: ['ENHANCED_DYNAMIC_NETWORK_ZONE'] },
    ]);
  });

  test('should give repeated headings the published -2 anchor', () => {
    const records = recordsOf(md`
      ## 2017.31

      ### Platform Feature Enhancements

      #### OpenID Connect

      First.

      ## 2017.30

      ### Platform Features

      #### OpenID Connect

      Second.
    `, '2017.md');
    assert.deepEqual(pick(records, 'id', 'anchor'), [
      { id: 'classic-engine/2017.31/openid-connect', anchor: 'openid-connect' },
      { id: 'classic-engine/2017.30/openid-connect-2', anchor: 'openid-connect-2' },
    ]);
  });

  test('should title a sub-change after the change it is part of', () => {
    const records = recordsOf(md`
      ## 2017.21

      ### Advance Notice: API Rate Limit Improvements

      Rate limits are more granular.

      #### Preview Orgs

      New limits for preview orgs.
    `, '2017.md');
    assert.deepEqual(pick(records, 'title', 'text', 'anchor'), [
      { title: 'Advance Notice: API Rate Limit Improvements', text: 'Rate limits are more granular.', anchor: 'advance-notice-api-rate-limit-improvements' },
      { title: 'Advance Notice: API Rate Limit Improvements — Preview Orgs', text: 'New limits for preview orgs.', anchor: 'preview-orgs' },
    ]);
  });

  test('should strip a leading ticket from a bullet title but keep it in the tickets', () => {
    const records = recordsOf(md`
      ## 2016.23

      ### Bugs Fixed

      * OKTA-73691 - HTML tags were incorrectly allowed in POST requests.
    `, '2016.md');
    assert.deepEqual(pick(records, 'title', 'tickets'), [{ title: 'HTML tags were incorrectly allowed in POST requests.', tickets: ['OKTA-73691'] }]);
  });

  test('should take the product from a config rule before the file name', () => {
    const records = recordsOf(md`
      ### Monthly release 2026.01.0

      #### A change

      Text.
    `, '2026-okta-dev-tools.md', { products: [{ file: 'dev-tools$', product: 'Developer Tools' }] });
    assert.deepEqual(pick(records, 'product', 'url'), [
      { product: 'Developer Tools', url: 'https://developer.okta.com/docs/release-notes/2026-okta-dev-tools/#a-change' },
    ]);
  });

  test('should name the product from the file name suffix', () => {
    const records = recordsOf(md`
      ### Monthly release 2026.01.0

      #### A change

      Text.
    `, '2026-okta-mcp-server.md');
    assert.deepEqual(pick(records, 'product'), [{ product: 'MCP Server' }]);
  });
});

describe('areas across a build', () => {
  test('should spell one area one way across records', async () => {
    const { unifyAreas } = await import('../../indexer/classify.ts');
    const records = recordsOf(md`
      ### Monthly release 2026.01.0

      #### One

      See the [rules](https://developer.okta.com/docs/api/openapi/okta-management/management/tags/grouprules/other/listgrouprules) and the [System Log](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SystemLog/).

      #### Two

      See [Group Rules](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupRule/) and [rate limits](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/PrincipalRateLimit/).
    `);
    unifyAreas(records);
    assert.deepEqual(pick(records, 'areas'), [{ areas: ['Group Rules', 'System Logs'] }, { areas: ['Group Rules', 'Principal Rate Limits'] }]);
  });

  const taggedPage = md`
    ### Monthly release 2026.01.0

    #### MCP server registrations for an API server

    Register an MCP server with the [API](https://developer.okta.com/docs/api/openapi/okta-management/management/tags/mcpserverregistrations/). Bot protection and user sessions are covered in [sessions](https://developer.okta.com/docs/api/openapi/okta-management/management/tags/sessions/).
  `;

  test('should split a run-together tag into words of the notes, plural last word included', async () => {
    const { unifyAreas } = await import('../../indexer/classify.ts');
    const records = recordsOf(taggedPage);
    unifyAreas(records);
    assert.deepEqual(pick(records, 'areas'), [{ areas: ['MCP Server Registrations', 'Sessions'] }]);
  });

  test('should keep a one-word tag that is a word of the notes whole', async () => {
    const { unifyAreas } = await import('../../indexer/classify.ts');
    const records = recordsOf(taggedPage.replace('Bot protection and user sessions are', 'Bot protection and user sess ions are'));
    unifyAreas(records);
    assert.deepEqual(pick(records, 'areas'), [{ areas: ['MCP Server Registrations', 'Sessions'] }]);
  });

  test('should keep a run-together tag whose words the notes do not all use', async () => {
    const { unifyAreas } = await import('../../indexer/classify.ts');
    const records = recordsOf(taggedPage.replace('MCP server registrations for an API server', 'Registrations').replace('Register an MCP server', 'Register one'));
    unifyAreas(records);
    assert.deepEqual(pick(records, 'areas'), [{ areas: ['Mcpserverregistrations', 'Sessions'] }]);
  });
});

describe('ids', () => {
  const PAGE = md`
    ## January

    ### Monthly release 2026.01.0

    #### Passkeys are GA in Production

    Passkeys text.

    #### Bugs fixed in 2026.01.0

    * A bug with a ticket. (OKTA-1000001)
    * A bug without a ticket.
  `;

  test('should keep ids when an unrelated release is added and another change is edited', () => {
    const before = recordsOf(PAGE).map((record) => record.id);
    const edited = md`
      ## February

      ### Monthly release 2026.02.0

      #### Something new

      New text.

    ` + PAGE.replace('Passkeys text.', 'Passkeys text, now longer.');
    const after = recordsOf(edited).map((record) => record.id);
    assert.deepEqual(after.slice(1), before);
  });

  test('should name bullets by ticket, else by a hash of their text', () => {
    assert.deepEqual(
      recordsOf(PAGE).map((record) => record.id.replace(/[0-9a-f]{10}$/, '<hash>')),
      ['classic-engine/2026.01.0/passkeys-are-ga-in-production', 'classic-engine/2026.01.0/bugs-fixed-in-2026-01-0/OKTA-1000001', 'classic-engine/2026.01.0/bugs-fixed-in-2026-01-0/<hash>'],
    );
  });
});
