/** The part of node-postgres 8 that bench/postgis.ts uses (typed here so that typechecking needs no @types/pg). */
declare module 'pg' {
  interface QueryConfig {
    name?: string;
    text: string;
    values?: unknown[];
  }
  interface QueryResult {
    rows: Array<Record<string, unknown>>;
    rowCount: number | null;
  }
  class Client {
    constructor(config: { host?: string; port?: number; user?: string; database?: string; password?: string });
    connect(): Promise<void>;
    query(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult>;
    end(): Promise<void>;
  }
  const pg: { Client: typeof Client };
  export default pg;
  export { Client };
}
