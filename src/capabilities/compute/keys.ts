// Constants the compute unit's checks and its Networking step share.

/** A listener rule's host-header condition holds at most five values (ALB quota "condition values per rule"). */
export const MAX_HOSTS_PER_RULE = 5;

/** The logical-id part of an extra host name (one DNS label): `my-api` -> `my_api`. */
export const hostIdPart = (name: string) => name.replace(/-/g, "_");
