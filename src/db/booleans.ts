import {
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/*
 * Booleans on SQLite, which has none: it stores 0 and 1, and its driver refuses a
 * JavaScript boolean as a parameter. This plugin writes booleans as 0 and 1 and reads the
 * boolean columns back as booleans, so repositories hand out rows with real booleans and
 * no mapper needs to know the dialect. (PostgreSQL has booleans: it needs no plugin.)
 */

/**
 * Columns that hold booleans, by the name a query returns them under: a query that renames
 * one (`osi_approved as approved`) gets 0 or 1 back on SQLite, so boolean columns keep their names.
 */
const BOOLEAN_COLUMNS = new Set(['is_open', 'osi_approved', 'allows_commercial_use', 'openness_meets_osaid']);

class BooleansAsIntegers extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    if (typeof node.value !== 'boolean') return super.transformValue(node);
    // An immediate value (a column default in DDL) stays written into the SQL.
    return node.immediate ? ValueNode.createImmediate(node.value ? 1 : 0) : ValueNode.create(node.value ? 1 : 0);
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return PrimitiveValueListNode.create(node.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
  }
}

export class SqliteBooleansPlugin implements KyselyPlugin {
  readonly #transformer = new BooleansAsIntegers();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { rows } = args.result;
    if (rows.length === 0 || !Object.keys(rows[0]!).some((k) => BOOLEAN_COLUMNS.has(k))) return args.result;
    for (const row of rows)
      for (const key of Object.keys(row)) if (BOOLEAN_COLUMNS.has(key) && typeof row[key] === 'number') row[key] = row[key] === 1;
    return args.result;
  }
}
