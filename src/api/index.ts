export { createApiClient, DEFAULT_TIMEOUT_MS } from './client'
export type { ApiClient, ApiClientOptions, RequestOptions } from './client'
export { ApiError, NetworkError, TimeoutError, UnexpectedResponseError, isTransportFailure } from './errors'
export type { ApiFailure } from './errors'
