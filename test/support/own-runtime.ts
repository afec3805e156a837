/**
 * A runtime of a test file's own (its clock moved by the test, a grant taken away, limits on): the
 * in-memory runtime the bench and the sample capture start too.
 */
export { startInMemoryRuntime as startOwnRuntime } from '../../local/rawaq-runtime';
