/* eslint-disable @typescript-eslint/no-explicit-any */
import { type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Pathways: the competence framework (domains → competences → subjects → skills), pathways
 * of ordered modules, enrolments, append-only evaluations, the positioning quiz, progress
 * links, Open Badges and their signing keys, and training required per staff role.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('framework_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('framework_domains_code_uq', ['center_id', 'code'])
    .execute();

  await db.schema
    .createTable('framework_competences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('domain_id', 'text', (c) => c.notNull().references('framework_domains.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mediation_theme', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('framework_competences_code_uq', ['center_id', 'code'])
    .execute();

  await db.schema
    .createTable('framework_subjects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('competence_id', 'text', (c) => c.notNull().references('framework_competences.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('framework_subjects_code_uq', ['center_id', 'code'])
    .execute();

  await db.schema
    .createTable('framework_skills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull().references('framework_subjects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('framework_skills_code_uq', ['center_id', 'code'])
    .execute();
  await db.schema.createIndex('framework_skills_subject_idx').on('framework_skills').column('subject_id').execute();

  await db.schema
    .createTable('pathways')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('archived_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pathways_center_idx').on('pathways').columns(['center_id', 'title']).execute();

  await db.schema
    .createTable('pathway_modules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('suggested_sessions', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pathway_modules_pathway_idx').on('pathway_modules').columns(['pathway_id', 'position']).execute();

  await db.schema
    .createTable('pathway_module_skills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('module_id', 'text', (c) => c.notNull().references('pathway_modules.id'))
    .addColumn('skill_id', 'text', (c) => c.notNull().references('framework_skills.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('pathway_module_skills_uq', ['module_id', 'skill_id'])
    .execute();

  await db.schema
    .createTable('pathway_module_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('module_id', 'text', (c) => c.notNull().references('pathway_modules.id'))
    // No foreign key: activities belong to another module, which may archive them.
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('pathway_module_activities_uq', ['module_id', 'activity_id'])
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id'))
    // A learner is a person (resident) or a staff account (volunteer in training): one of the two.
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('start_module_id', 'text', (c) => c.references('pathway_modules.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', t.timestamp, (c) => c.notNull())
    .addColumn('enrolled_by', 'text')
    .addColumn('completed_at', t.timestamp)
    .addColumn('withdrawn_at', t.timestamp)
    .addUniqueConstraint('enrolments_person_uq', ['pathway_id', 'person_id'])
    .addUniqueConstraint('enrolments_user_uq', ['pathway_id', 'user_id'])
    .execute();
  await db.schema.createIndex('enrolments_person_idx').on('enrolments').columns(['center_id', 'person_id']).execute();
  await db.schema.createIndex('enrolments_user_idx').on('enrolments').columns(['center_id', 'user_id']).execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
    .addColumn('module_id', 'text', (c) => c.references('pathway_modules.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_label', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('evaluations_enrolment_idx').on('evaluations').columns(['enrolment_id', 'recorded_at']).execute();

  await db.schema
    .createTable('evaluation_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id'))
    .addColumn('skill_id', 'text', (c) => c.notNull().references('framework_skills.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('autonomy', 'text')
    .addUniqueConstraint('evaluation_results_uq', ['evaluation_id', 'skill_id'])
    .execute();

  await db.schema
    .createTable('quiz_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('skill_id', 'text', (c) => c.notNull().references('framework_skills.id'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('picture', 'text')
    .addColumn('picture_alt', 'text')
    .addColumn('retired_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quiz_questions_skill_idx').on('quiz_questions').columns(['center_id', 'skill_id']).execute();

  await db.schema
    .createTable('quiz_choices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('quiz_questions.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('correct', t.boolean, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quiz_choices_question_idx').on('quiz_choices').column('question_id').execute();

  await db.schema
    .createTable('quiz_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('max_length', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_question_id', 'text', (c) => c.references('quiz_questions.id'))
    .addColumn('placement_module_id', 'text', (c) => c.references('pathway_modules.id'))
    .addColumn('evaluation_id', 'text', (c) => c.references('evaluations.id'))
    .addColumn('started_by', 'text')
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .execute();
  await db.schema.createIndex('quiz_sessions_enrolment_idx').on('quiz_sessions').column('enrolment_id').execute();

  await db.schema
    .createTable('quiz_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('quiz_sessions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull().references('quiz_questions.id'))
    .addColumn('skill_id', 'text', (c) => c.notNull().references('framework_skills.id'))
    .addColumn('choice_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('answered_at', t.timestamp, (c) => c.notNull())
    // The database itself refuses the same skill twice, or two answers at the same step.
    .addUniqueConstraint('quiz_answers_skill_uq', ['session_id', 'skill_id'])
    .addUniqueConstraint('quiz_answers_position_uq', ['session_id', 'position'])
    .execute();

  await db.schema
    .createTable('progress_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('progress_links_enrolment_idx').on('progress_links').column('enrolment_id').execute();

  await db.schema
    .createTable('badge_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('retired_at', t.timestamp)
    .execute();
  await db.schema.createIndex('badge_keys_center_idx').on('badge_keys').column('center_id').execute();

  await db.schema
    .createTable('badges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
    // A module's id, or "pathway" for the whole pathway: one badge per achievement.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('module_id', 'text', (c) => c.references('pathway_modules.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_at', t.timestamp, (c) => c.notNull())
    .addColumn('credential', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.references('badge_keys.id'))
    .addColumn('show_name', t.boolean, (c) => c.notNull())
    .addColumn('show_skills', t.boolean, (c) => c.notNull())
    .addColumn('public_name', 'text')
    .addColumn('revoked_at', t.timestamp)
    .addUniqueConstraint('badges_scope_uq', ['enrolment_id', 'scope'])
    .execute();

  await db.schema
    .createTable('role_training_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('pathway_id', 'text', (c) => c.notNull().references('pathways.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('role_training_requirements_uq', ['center_id', 'role', 'pathway_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'role_training_requirements', 'badges', 'badge_keys', 'progress_links', 'quiz_answers', 'quiz_sessions',
    'quiz_choices', 'quiz_questions', 'evaluation_results', 'evaluations', 'enrolments',
    'pathway_module_activities', 'pathway_module_skills', 'pathway_modules', 'pathways',
    'framework_skills', 'framework_subjects', 'framework_competences', 'framework_domains',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
