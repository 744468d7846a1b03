/**
 * HTTP endpoints from the schema, FastCRUD's endpoint creator for Fastify: create, read, list
 * (filters, sort, offset pagination with totals), update, soft and hard delete, validated with
 * JSON Schemas derived from the table definitions and described in an OpenAPI document.
 */
export {
  CRUD_ROUTE_NAMES,
  type CrudRouteHooks,
  type CrudRouteInfo,
  type CrudRouteName,
  type CrudRouteOptions,
  type CrudRoutesOptions,
} from './crud-options.js';
export {
  type CrudStoreFactory,
  crudRoutes,
  crudRoutesWithStore,
  ERROR_BODY_SCHEMA,
  jsonSerializerCompiler,
} from './crud-routes.js';
export type { CrudListRequest, CrudPage, CrudStore, RowValues } from './crud-store.js';
export {
  FILE_ROUTE_NAMES,
  type FileJson,
  type FileRouteName,
  type FileRoutesOptions,
  fileRoutes,
  parseRangeHeader,
} from './file-routes.js';
export { filtersToWhere, type WhereObject } from './filter-to-where.js';
export { type HttpErrorBody, httpErrorAnswer, httpErrorHandler, httpStatusOf } from './http-error.js';
export {
  columnJsonSchema,
  type JsonDirection,
  type JsonSchema,
  nullable,
  type ValueKindSchemaOptions,
  valueKindJsonSchema,
} from './json-schema.js';
export { fromJsonValue, toJsonValue } from './json-value.js';
export { type OpenApiOptions, registerOpenApi } from './openapi.js';
export {
  FILTER_OPERATORS,
  type FilterCondition,
  type FilterOperator,
  isFilterableColumn,
  operatorsFor,
  parseQueryFilters,
  parseQueryValue,
  parseSort,
  type QueryFilterOptions,
  type SortKey,
} from './query-filters.js';
export { repositoryStoreFactory } from './repository-store.js';
export {
  describeValidationError,
  strictSchemaErrorFormatter,
  strictValidatorCompiler,
} from './request-validation.js';
export {
  hasDefault,
  type TableColumnsOptions,
  type TableHttpColumns,
  type TableJsonSchemas,
  tableHttpColumns,
  tableJsonSchemas,
} from './table-schemas.js';
