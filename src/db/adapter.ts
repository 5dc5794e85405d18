import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Expression } from 'kysely';

type DataTypeExpression = ColumnDataType | Expression<unknown>;

/**
 * Everything that differs between SQLite and PostgreSQL lives here, so repositories
 * and migrations stay dialect-neutral.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** A JS boolean as the driver binds it (better-sqlite3 binds no booleans). */
  bool(value: boolean): unknown;
  /** A stored boolean (0/1 on SQLite, true/false on PostgreSQL) back to JS. */
  readBool(value: unknown): boolean;
  /** Column type for slugs and other keys: byte order on both stores, so cursors agree. */
  readonly keyType: DataTypeExpression;
  readonly timestampType: DataTypeExpression;
  /** Auto-increment primary key. */
  idColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true,
  keyType: 'text',
  timestampType: 'text',
  idColumn: (col) => col.primaryKey().autoIncrement(),
};

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  bool: (value) => value,
  readBool: (value) => value === true,
  keyType: sql`text collate "C"`,
  timestampType: 'timestamptz',
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
};
