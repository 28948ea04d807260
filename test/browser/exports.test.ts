import { expect } from '@open-wc/testing';
import * as api from '../../widget/index.ts';

describe('widget/index.ts', () => {
  it('should export exactly the public runtime names', () => {
    expect(Object.keys(api).sort()).to.deep.equal(['ChangefindSearch', 'IndexError', 'SearchCore', 'loadIndex']);
  });

  it('should register <changefind-search> as the exported class', () => {
    expect(customElements.get('changefind-search')).to.equal(api.ChangefindSearch);
  });
});
