export { isStrataError, StrataError, type StrataErrorCode, type StrataErrorDetails } from './strata-error.js';
