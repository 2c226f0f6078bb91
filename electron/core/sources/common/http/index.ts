// The shared HTTP client for connectors: a deadline per exchange, a size cap, Retry-After, and every failure as a
// SourceError with a stable code. Keep this API small; the iCalendar connector uses it too.
export { deadline, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, errorForNetworkFailure, expectOk, httpRequest, parseJson, readCapped, type HttpRequest, type HttpResponse } from './httpClient';
export { mapWithLimit } from './pool';
export { describeWait, parseRetryAfter } from './retryAfter';
export { cleanDetail, errorForStatus, UpstreamStatusError } from './statusError';
