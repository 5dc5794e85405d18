import { sql, type Kysely } from 'kysely';

/*
 * History belongs to a record, not to its slug: a slug freed by a delete may be taken by a
 * new record, which must not inherit the old one's history (its DELETE entry holds the
 * whole old record and the reason). Each change now names the row it changed
 * (`subject_id`), and the role of the key that made it (`key_role`), so the key's name,
 * which may be an e-mail address, can be shown to administrators only.
 *
 * Existing rows: a change belongs to the record now holding its slug unless a DELETE of
 * that slug came at or after it (then it belongs to a record that is gone, and stays
 * null: visible in the admin-only audit log, in no record's `history`).
 */
const TABLES: Record<string, string> = {
  ORGANIZATION: 'organizations',
  PERSON: 'people',
  LICENSE: 'licenses',
  RELEASE: 'releases',
  POLICY_POSITION: 'policy_positions',
};

export function changeSubjects() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('changes').addColumn('subject_id', 'integer').execute();
      await db.schema.alterTable('changes').addColumn('key_role', 'text').execute();
      for (const [subject, table] of Object.entries(TABLES)) {
        await sql`
          update changes set subject_id = (select t.id from ${sql.table(table)} t where t.slug = changes.subject_slug)
          where subject_type = ${subject}
            and not exists (
              select 1 from changes d
              where d.subject_type = changes.subject_type and d.subject_slug = changes.subject_slug
                and d.operation = 'DELETE' and d.id >= changes.id
            )`.execute(db);
      }
      await sql`update changes set key_role = (select k.role from api_keys k where k.name = changes.key_name) where key_name is not null`.execute(
        db,
      );
      await db.schema.createIndex('changes_subject_id_idx').on('changes').columns(['subject_type', 'subject_id', 'id']).execute();
    },
  };
}
