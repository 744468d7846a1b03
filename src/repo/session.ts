import type { Session } from '../db/session.js';

/** A session of any database type: repositories build their SQL from the DSL table, not from `DB`. */
// biome-ignore lint/suspicious/noExplicitAny: the widest Session type needs `any` for its database type
export type AnySession = Session<any>;
