import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type OpenApiDocument = {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
  [key: string]: unknown;
};

export type OpenApiParameter = { name: string; in: string; required?: boolean; schema?: Record<string, unknown>; example?: unknown; examples?: unknown; description?: string };

export type OpenApiOperation = {
  operationId: string;
  tags?: string[];
  security?: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown>; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: Record<string, unknown> }> }>;
};

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document with its method and path template. */
export function operationsOf(doc: OpenApiDocument): Array<{ method: string; path: string; op: OpenApiOperation }> {
  const out: Array<{ method: string; path: string; op: OpenApiOperation }> = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) if (item[method]) out.push({ method, path, op: item[method] });
  }
  return out;
}

/**
 * JSON-schema validation of values against the document's schemas, as OpenAPI 3.0 means them
 * (`nullable`, formats from ajv-formats); unknown annotation keywords such as `example` are ignored.
 */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: doc.components });
  }

  /** undefined when the value passes, else the errors in words. */
  check(schema: Record<string, unknown>, value: unknown): string | undefined {
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(JSON.parse(key.replace(/"#\/components\//g, '"openapi#/components/')));
      this.cache.set(key, validate);
    }
    return validate(value) ? undefined : this.ajv.errorsText(validate.errors, { separator: '; ' });
  }

  accepts(schema: Record<string, unknown>, value: unknown): boolean {
    return this.check(schema, value) === undefined;
  }
}
