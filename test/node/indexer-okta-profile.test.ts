import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { areaName, oktaProfile } from '../../indexer/profiles/okta.ts';

const roles = (headings: string[]) => headings.map((text) => [text, oktaProfile.readHeading(text)]);

describe('okta profile', () => {
  test('should read release headings of every era', () => {
    assert.deepEqual(roles(['Monthly release 2026.02.0', 'Weekly Release 2018.48', '2017.52', 'Weekly release', '5.14.1', 'v2.0.0 (2024-01-02)', 'Release 1.2.0']), [
      ['Monthly release 2026.02.0', { role: 'release' }],
      ['Weekly Release 2018.48', { role: 'release' }],
      ['2017.52', { role: 'release' }],
      ['Weekly release', { role: 'release' }],
      ['5.14.1', { role: 'release' }],
      ['v2.0.0 (2024-01-02)', { role: 'release' }],
      ['Release 1.2.0', { role: 'release' }],
    ]);
  });

  test('should read a version after other words as a weak release', () => {
    assert.deepEqual(roles(['Okta Identity Engine and Okta Classic Engine 2025.10.0', 'Okta Sign-In Widget, version 5.14.1']), [
      ['Okta Identity Engine and Okta Classic Engine 2025.10.0', { role: 'release', weakRelease: true }],
      ['Okta Sign-In Widget, version 5.14.1', { role: 'release', weakRelease: true }],
    ]);
  });

  test('should read bug, docs, roundup, period and group headings', () => {
    assert.deepEqual(roles(['Bugs fixed in 2026.02.2', 'Platform Bugs Fixed', 'API Bug Fix', 'Developer documentation update in 2026.03.0', 'Previously Released Early Access Features 2019.03.1 Update', 'December', 'March 2025', 'Feature Enhancements', 'New and Enhanced Features', 'Advance Notices']), [
      ['Bugs fixed in 2026.02.2', { role: 'bugs' }],
      ['Platform Bugs Fixed', { role: 'bugs' }],
      ['API Bug Fix', { role: 'bugs' }],
      ['Developer documentation update in 2026.03.0', { role: 'docs' }],
      ['Previously Released Early Access Features 2019.03.1 Update', { role: 'roundup' }],
      ['December', { role: 'period' }],
      ['March 2025', { role: 'period' }],
      ['Feature Enhancements', { role: 'group' }],
      ['New and Enhanced Features', { role: 'group' }],
      ['Advance Notices', { role: 'group' }],
    ]);
  });

  test('should read Category: Title headings as changes with the category kind', () => {
    assert.deepEqual(roles(['Bug Fix: Legacy Events Available in System Log', 'Feature Enhancement: Delete User Endpoint', 'Early Access Feature in Preview: App User Schema API']), [
      ['Bug Fix: Legacy Events Available in System Log', { role: 'change', kind: 'fix' }],
      ['Feature Enhancement: Delete User Endpoint', { role: 'change' }],
      ['Early Access Feature in Preview: App User Schema API', { role: 'change' }],
    ]);
  });

  test('should name releases and their type', () => {
    const names = ['Monthly release 2026.02.0', 'Weekly Release 2019.12.1', '2017.52', 'Okta Identity Engine and Okta Classic Engine 2025.07.3', 'Weekly release', '5.14.1'].map((text) => oktaProfile.releaseName(text));
    assert.deepEqual(names, [
      { name: '2026.02.0', type: 'monthly' },
      { name: '2019.12.1', type: 'weekly' },
      { name: '2017.52', type: null },
      { name: '2025.07.3', type: 'weekly' },
      { name: null, type: 'weekly' },
      { name: '5.14.1', type: null },
    ]);
  });

  test('should classify lifecycle phrases in headings', () => {
    const phrases = [
      'Dynamic Issuer Mode is GA in Preview',
      'Device Authorization grant type is now GA in Production',
      'Flexible Okta Verify authenticator configuration is self-service EA in Preview',
      'Revoke a principal\'s access is Beta',
      'Upload Logo for Org deprecated',
      'Okta Aerial is GA',
      'MyAccount WebAuthn API is EA in Production and GA in Preview',
      'Simple HAL Links Generally Available in Preview for May, 2017',
      'Temporary Offline Access is Limited EA in Preview',
      'Rate limit updates',
    ];
    assert.deepEqual(phrases.map((text) => oktaProfile.lifecycleOf(text)), ['ga-preview', 'ga-production', 'ea', 'beta', 'deprecated', 'ga-production', 'ea', 'ga-preview', 'ea', null]);
  });

  test('should take the stated stage of a deprecation that rolls out in stages', () => {
    const phrases = [
      'Custom app login deprecated is GA in Production',
      'Deprecation of the legacy Sessions endpoint is EA in Preview',
      'The Sessions API is deprecated',
      'Retirement of the v1 widget',
    ];
    assert.deepEqual(phrases.map((text) => oktaProfile.lifecycleOf(text)), ['ga-production', 'ea', 'deprecated', 'deprecated']);
  });

  test('should find tickets in any spelling and normalise them', () => {
    assert.deepEqual(oktaProfile.tickets('(OKTA-1093354) <!--OKTA 146865--> <!-- OKTA_132193 --> OKTA_VERIFY_PUSH'), ['OKTA-1093354', 'OKTA-146865', 'OKTA-132193']);
  });

  test('should find feature flags after FF markers and as ALL_CAPS tokens', () => {
    assert.deepEqual(oktaProfile.flags(' OKTA-1165876, OKTA-955102 FF: SERVICE_ACCOUNTS and CUSTOM_ADMIN_ROLE_SERVICE_ACCOUNTS preview date: May 6, 2026 '), ['SERVICE_ACCOUNTS', 'CUSTOM_ADMIN_ROLE_SERVICE_ACCOUNTS']);
    assert.deepEqual(oktaProfile.flags(' OKTA-1012303 FF: PASSKEYS preview date '), ['PASSKEYS']);
    assert.deepEqual(oktaProfile.flags(' OKTA_132193 team.itp.someFlag '), []);
  });

  test('should name products from file names and titles', () => {
    assert.deepEqual(
      [
        oktaProfile.product('2026-okta-identity-engine', 'Okta Identity Engine API release notes 2026'),
        oktaProfile.product('2026-okta-mcp-server', 'Okta Open Source MCP Server API release notes 2026'),
        oktaProfile.product('2023', 'Okta Classic Engine API release notes 2023'),
        oktaProfile.product('2016', 'Okta API Products Release Notes 2016'),
        oktaProfile.product('okta-auth-js', 'Okta Auth JS release notes'),
      ],
      ['Identity Engine', 'MCP Server', 'Classic Engine', null, 'Auth JS'],
    );
  });

  test('should turn API reference tags into plural area names', () => {
    assert.deepEqual(
      ['Policy', 'NetworkZone', 'application-behavior', 'CustomAS', 'InlineHook', 'Brands', 'UserFactor'].map(areaName),
      ['Policies', 'Network Zones', 'Application Behaviors', 'Custom AS', 'Inline Hooks', 'Brands', 'User Factors'],
    );
  });

  test('should take areas only from API reference links', () => {
    assert.deepEqual(
      [
        'https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Policy/#tag/Policy/operation/createPolicy',
        'https://developer.okta.com/docs/api/openapi/oag/oag/tags/application-behavior/other/replacebehavior',
        'https://github.com/okta/okta-signin-widget/releases/tag/okta-signin-widget-5.14.1',
      ].map((url) => oktaProfile.areaOfLink(url)),
      ['Policies', 'Application Behaviors', null],
    );
  });
});
