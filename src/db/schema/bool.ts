// The boolean column type shared by every table file of the schema.

/** Booleans are `boolean | number` because SQLite returns 0/1: repositories convert them with asBool(). */
export type Bool = boolean | number;
