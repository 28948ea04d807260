/** The Mocha globals web-test-runner defines in the browser (only those the tests use). */
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => unknown): void;
declare function beforeEach(body: () => unknown): void;
declare function afterEach(body: () => unknown): void;
