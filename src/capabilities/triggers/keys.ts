// Keys the triggers unit's definition and provisioning share.

/** Role of the webhook gateway's function. */
export const WEBHOOK_ROLE_KEY = "triggers.webhook";
/** Role EventBridge Scheduler assumes to run the schedules of the stack's group. */
export const SCHEDULER_ROLE_KEY = "triggers.scheduler";
