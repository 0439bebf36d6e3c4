// A condition `terraform plan` evaluates before creating a resource, failing with a readable message
// (for facts synth cannot see, such as how many Availability Zones the looked-up subnets span).

export interface PlanCheck {
  /** A Terraform boolean expression (a token). */
  condition: unknown;
  errorMessage: string;
}
