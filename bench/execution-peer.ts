import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { buildSchema, execute, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';

/*
 * The execution-only peer: the floor of what any graphql-js server pays. The committed SDL
 * (schema/schema.graphql, through buildSchema, so no resolvers of ours), graphql-js
 * `execute` with its default resolvers, and as root value the service's own answer's
 * `data` for the scenario: every field is a property read. Each document is parsed and
 * validated once (kept by query text). What is left is reading the request, JSON, graphql-js
 * execution (field collection, argument coercion, scalar and enum serialization, abstract
 * types resolved through `__typename`), writing the answer, and sockets.
 *
 * Input on stdin, JSON: [{ query, data }], where `data` carries `__typename` on every
 * object (the benchmark asks the service for it), so the default type resolver can resolve
 * interfaces and unions even where the document does not select `__typename`. The answer
 * ends with a newline, as Apollo's does, so its bytes are the service's.
 */

interface Prepared {
  document: DocumentNode | null;
  errors: readonly GraphQLError[];
  rootValue: unknown;
}

const schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));

let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  const roots = new Map((JSON.parse(input) as Array<{ query: string; data: unknown }>).map((s) => [s.query, s.data]));
  const documents = new Map<string, Prepared>();

  /** The document for this query text, parsed and validated on first sight. */
  function prepare(query: string): Prepared {
    let prepared = documents.get(query);
    if (!prepared) {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        prepared = { document: errors.length ? null : document, errors, rootValue: roots.get(query) };
      } catch (err) {
        prepared = { document: null, errors: [err as GraphQLError], rootValue: undefined };
      }
      documents.set(query, prepared);
    }
    return prepared;
  }

  function send(res: http.ServerResponse, status: number, result: ExecutionResult): void {
    const body = JSON.stringify(result) + '\n';
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') return void res.end('ok');
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      let request: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
      try {
        request = JSON.parse(raw) as typeof request;
      } catch {
        return send(res, 400, { errors: [{ message: 'the body is not JSON' } as GraphQLError] });
      }
      if (typeof request.query !== 'string') return send(res, 400, { errors: [{ message: 'no query' } as GraphQLError] });
      const prepared = prepare(request.query);
      if (!prepared.document) return send(res, 400, { errors: prepared.errors });
      if (prepared.rootValue === undefined) return send(res, 400, { errors: [{ message: 'no answer for this document' } as GraphQLError] });
      const result = execute({
        schema,
        document: prepared.document,
        rootValue: prepared.rootValue,
        variableValues: request.variables,
        operationName: request.operationName,
      });
      if ('then' in result) void result.then((r) => send(res, 200, r));
      else send(res, 200, result);
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
    console.log(`execution-only peer listening on ${(server.address() as { port: number }).port}`),
  );
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
});
