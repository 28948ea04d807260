import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { md, page, unitsOf } from '../helpers/notes.ts';

describe('split', () => {
  test('should give one unit per change heading and one per bug bullet', () => {
    const units = unitsOf(page('Okta Classic Engine API release notes 2026', md`
      ## February

      ### Monthly release 2026.02.0

      | Change | Expected in Preview Orgs |
      | ------ | ------------------------ |
      | [Passkeys](#passkeys) | February 4, 2026 |

      #### Passkeys

      Passkeys are here.

      #### Bugs fixed in 2026.02.0

      * One bug. (OKTA-1)

        * A detail of that bug.

      * Another bug. (OKTA-2)
    `));
    assert.deepEqual(units, [
      { shape: 'heading', kind: 'feature', line: 13, section: 'Passkeys', release: '2026.02.0' },
      { shape: 'bullet', kind: 'fix', line: 19, section: 'Bugs fixed in 2026.02.0', release: '2026.02.0' },
      { shape: 'bullet', kind: 'fix', line: 23, section: 'Bugs fixed in 2026.02.0', release: '2026.02.0' },
    ]);
  });

  test('should make a bug section without bullets one unit', () => {
    const units = unitsOf(md`
      ## March

      ### Weekly release 2026.03.1

      #### Bug fixed in 2026.03.1

      A lone bug was fixed. (OKTA-3)
    `);
    assert.deepEqual(units, [{ shape: 'section', kind: 'fix', line: 5, section: 'Bug fixed in 2026.03.1', release: '2026.03.1' }]);
  });

  test('should give one unit per documentation bullet', () => {
    const units = unitsOf(md`
      ### Monthly release 2026.04.0

      #### Developer documentation updates in 2026.04.0

      * A new guide.
      * A rewritten guide.
    `);
    assert.deepEqual(units, [
      { shape: 'bullet', kind: 'docs', line: 5, section: 'Developer documentation updates in 2026.04.0', release: '2026.04.0' },
      { shape: 'bullet', kind: 'docs', line: 6, section: 'Developer documentation updates in 2026.04.0', release: '2026.04.0' },
    ]);
  });

  test('should make a release without change headings one unit', () => {
    const units = unitsOf(md`
      ## 2017.36

      The Policy API is Generally Available in preview orgs.
    `, '2017.md', 2017);
    assert.deepEqual(units, [{ shape: 'section', kind: 'feature', line: 1, section: '2017.36', release: '2017.36' }]);
  });

  test('should skip roundups of earlier Early Access features', () => {
    const units = unitsOf(md`
      ### Weekly Release 2019.03.1

      #### Previously Released Early Access Features 2019.03.1 Update

      The following features have already been released as Early Access.

      | Early Access Features Available Now |
      | :---------------------------------- |
      | [Custom domains](#custom-url-domains-are-in-early-access) |
    `, '2019.md', 2019);
    assert.deepEqual(units, []);
  });

  test('should give no units for a page without release headings', () => {
    const units = unitsOf(page('Release Life Cycle', md`
      # Release Life Cycle

      ## Beta Release

      Features in Beta are managed by the Product Team.

      ## Early Access (EA)

      Features in EA are available by request.
    `), 'releases-at-okta.md', null);
    assert.deepEqual(units, []);
  });

  test('should read old-era category groups, Category: Title changes and bug sections', () => {
    const units = unitsOf(md`
      ## 2016.50

      ### New Feature: API Access Management in EA Release

      Okta's API Access Management helps enterprises.

      ### Feature Enhancements

      #### Delete User API in EA

      API access to delete users is now in EA.

      ### Bug Fix: Legacy Events Available in System Log

      Legacy events are available.

      ### Platform Bugs Fixed

      * Tokens for a suspended user didn't fail introspection. (OKTA-109)

      #### Simple HAL Links Generally Available in Preview

      Okta has enabled Simple HAL Links.
    `, '2016.md', 2016);
    assert.deepEqual(units, [
      { shape: 'heading', kind: 'feature', line: 3, section: 'New Feature: API Access Management in EA Release', release: '2016.50' },
      { shape: 'heading', kind: 'feature', line: 9, section: 'Delete User API in EA', release: '2016.50' },
      { shape: 'heading', kind: 'fix', line: 13, section: 'Bug Fix: Legacy Events Available in System Log', release: '2016.50' },
      { shape: 'bullet', kind: 'fix', line: 19, section: 'Platform Bugs Fixed', release: '2016.50' },
      { shape: 'heading', kind: 'feature', line: 21, section: 'Simple HAL Links Generally Available in Preview', release: '2016.50' },
    ]);
  });

  test('should make the #### sub-headings of a ### change changes of their own', () => {
    const units = unitsOf(md`
      ## 2017.22

      ### Advance Notice: API Rate Limit Improvements

      We are making org-wide rate limits more granular.

      #### Preview Orgs

      1. New rate limits for new preview orgs.

      #### Production Orgs

      1. A System Log alert.
    `, '2017.md', 2017);
    assert.deepEqual(units, [
      { shape: 'heading', kind: 'feature', line: 3, section: 'Advance Notice: API Rate Limit Improvements', release: '2017.22' },
      { shape: 'heading', kind: 'feature', line: 7, section: 'Preview Orgs', release: '2017.22' },
      { shape: 'heading', kind: 'feature', line: 11, section: 'Production Orgs', release: '2017.22' },
    ]);
  });

  test('should keep ##### sub-headings inside their change', () => {
    const units = unitsOf(md`
      ## 2017.24

      ### Platform Enhancements

      #### API Rate Limit Improvements

      Limits are more granular.

      ##### Preview Orgs

      New limits apply.
    `, '2017.md', 2017);
    assert.deepEqual(units, [{ shape: 'heading', kind: 'feature', line: 5, section: 'API Rate Limit Improvements', release: '2017.24' }]);
  });

  test('should give a group heading that only holds a summary table a record', () => {
    const units = unitsOf(md`
      ### Weekly Release 2018.06

      #### Feature Enhancements

      | Feature Enhancement | Expected in Preview Orgs |
      |:--------------------|:-------------------------|
      | [New Role](#new-role) | February 7, 2018 |

      #### New Role

      A new administrator role.
    `, '2018.md', 2018);
    assert.deepEqual(units, [
      { shape: 'section', kind: 'feature', line: 3, section: 'Feature Enhancements', release: '2018.06' },
      { shape: 'heading', kind: 'feature', line: 9, section: 'New Role', release: '2018.06' },
    ]);
  });

  test('should make a category group with bullets and no change headings one unit', () => {
    const units = unitsOf(md`
      ## 2017.05

      ### Feature Improvements

      * Checkboxes for implicit grant types.
      <!-- (OKTA-94252) -->
    `, '2017.md', 2017);
    assert.deepEqual(units, [{ shape: 'section', kind: 'feature', line: 3, section: 'Feature Improvements', release: '2017.05' }]);
  });

  test('should find releases on a page that names them only after other words', () => {
    const units = unitsOf(page('Okta Aerial API release notes 2025', md`
      ## October 2025

      ### Okta Identity Engine and Okta Classic Engine 2025.10.0

      * The default authorization server can no longer be renamed. (OKTA-798863)

      ## March 2025

      ### Okta Identity Engine and Okta Classic Engine 2025.03.2

      #### List all associated orgs API filters on status

      The API can now filter on status.
    `), '2025-okta-aerial.md', 2025);
    assert.deepEqual(units, [
      { shape: 'section', kind: 'feature', line: 7, section: 'Okta Identity Engine and Okta Classic Engine 2025.10.0', release: '2025.10.0' },
      { shape: 'heading', kind: 'feature', line: 15, section: 'List all associated orgs API filters on status', release: '2025.03.2' },
    ]);
  });

  test('should not take a version inside a change heading for a release', () => {
    const units = unitsOf(md`
      ### Weekly release 2021.12.1

      #### Okta Sign-In Widget, version 5.14.1

      See the release notes.
    `, '2021.md', 2021);
    assert.deepEqual(units, [{ shape: 'heading', kind: 'feature', line: 3, section: 'Okta Sign-In Widget, version 5.14.1', release: '2021.12.1' }]);
  });

  test('should not split a commented-out heading', () => {
    const units = unitsOf(md`
      ### Weekly release 2025.11.1

      <!-- #### Bugs fixed in 2025.11.1

      * A hidden bug. (OKTA-5) -->

      #### Shown change

      Text.
    `, '2025.md', 2025);
    assert.deepEqual(units, [{ shape: 'heading', kind: 'feature', line: 7, section: 'Shown change', release: '2025.11.1' }]);
  });

  test('should give a bug-section paragraph that names a ticket its own unit', () => {
    const units = unitsOf(md`
      ### Weekly release 2026.05.1

      #### Bugs fixed in 2026.05.1

      The following issues are fixed:

      * A listed bug. (OKTA-6)

      An unlisted bug. (OKTA-7)
    `);
    assert.deepEqual(units, [
      { shape: 'bullet', kind: 'fix', line: 7, section: 'Bugs fixed in 2026.05.1', release: '2026.05.1' },
      { shape: 'bullet', kind: 'fix', line: 9, section: 'Bugs fixed in 2026.05.1', release: '2026.05.1' },
    ]);
  });
});
