// The ports the stack's data services listen on. The registry opens them in the security groups and
// the handlers configure the services with them, so the two can never disagree.

/** NFS, the only protocol EFS mount targets speak. */
export const NFS_PORT = 2049;
/** Redis (ElastiCache's default port for the redis engine). */
export const REDIS_PORT = 6379;
/** PostgreSQL (RDS's default port for the postgres engine). */
export const POSTGRES_PORT = 5432;
