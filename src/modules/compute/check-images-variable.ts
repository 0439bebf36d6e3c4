// The variable that turns a stack's plan-time image check off (`-var check_images=false`), for runs
// that only look: a preview plan with placeholder tags, destroy. Apart from the check's module, so the
// lifecycle can name it without loading provider classes.
export const CHECK_IMAGES_VARIABLE = "check_images";
