// The Cloudflare Access check in front of a service's container: an Envoy sidecar in the same task
// that admits a request only with a valid `Cf-Access-Jwt-Assertion` (signed by the account's Access
// keys, for the service's Access application, not expired). The shared ALB forwards to this proxy,
// never to the container; so a request sent to the ALB's own DNS name with a forged Host header,
// which skips Cloudflare and its Access check, is refused here.

/** The port the proxy listens on; the container port must differ (validation checks). */
export const ACCESS_PROXY_PORT = 10000;
/** The proxy's container name in the task definition (the load balancer targets it). */
export const ACCESS_PROXY_CONTAINER = "access-proxy";
/** The header Cloudflare Access puts the signed token in on every request it admits. */
export const ACCESS_JWT_HEADER = "Cf-Access-Jwt-Assertion";
/** Where the proxy finds public CA certificates (the Envoy image's Debian/Ubuntu bundle). */
const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

export interface AccessProxyArgs {
  image: string;
  /** The service's container port, on localhost in the task. */
  appPort: number;
  /** The account's Access team domain, e.g. `acme.cloudflareaccess.com` (may be a Terraform reference). */
  teamDomain: string;
  /** The Access application's audience tag (may be a Terraform reference). */
  audience: string;
  logGroupName: string;
  region: string;
}

const cluster = (name: string, address: string, port: number, extra: Record<string, unknown> = {}) => ({
  name,
  connect_timeout: "5s",
  load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address, port_value: port } } } }] }] },
  ...extra,
});

/** Envoy's bootstrap configuration (v3 API) as JSON, which `--config-yaml` accepts. */
export function envoyConfig(args: Pick<AccessProxyArgs, "appPort" | "teamDomain" | "audience">): Record<string, unknown> {
  const issuer = `https://${args.teamDomain}`;
  return {
    static_resources: {
      listeners: [
        {
          name: "access",
          address: { socket_address: { address: "0.0.0.0", port_value: ACCESS_PROXY_PORT } },
          filter_chains: [
            {
              filters: [
                {
                  name: "envoy.filters.network.http_connection_manager",
                  typed_config: {
                    "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                    stat_prefix: "access",
                    route_config: {
                      virtual_hosts: [{ name: "service", domains: ["*"], routes: [{ match: { prefix: "/" }, route: { cluster: "service", timeout: "0s" } }] }],
                    },
                    http_filters: [
                      {
                        name: "envoy.filters.http.jwt_authn",
                        typed_config: {
                          "@type": "type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication",
                          providers: {
                            cloudflare_access: {
                              issuer,
                              audiences: [args.audience],
                              from_headers: [{ name: ACCESS_JWT_HEADER }],
                              forward: true,
                              remote_jwks: {
                                http_uri: { uri: `${issuer}/cdn-cgi/access/certs`, cluster: "cloudflare_access", timeout: "5s" },
                                cache_duration: "300s",
                              },
                            },
                          },
                          // Every path: the ALB's health checks go to the container's own port.
                          rules: [{ match: { prefix: "/" }, requires: { provider_name: "cloudflare_access" } }],
                        },
                      },
                      { name: "envoy.filters.http.router", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters: [
        cluster("service", "127.0.0.1", args.appPort, { type: "STATIC" }),
        cluster("cloudflare_access", args.teamDomain, 443, {
          type: "LOGICAL_DNS",
          dns_lookup_family: "V4_ONLY",
          transport_socket: {
            name: "envoy.transport_sockets.tls",
            typed_config: {
              "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
              sni: args.teamDomain,
              common_tls_context: { validation_context: { trusted_ca: { filename: CA_BUNDLE } } },
            },
          },
        }),
      ],
    },
  };
}

/** The sidecar's container definition (ECS JSON). Essential: without it the task serves nothing. */
export function accessProxyContainer(args: AccessProxyArgs): Record<string, unknown> {
  return {
    name: ACCESS_PROXY_CONTAINER,
    image: args.image,
    essential: true,
    command: ["envoy", "--config-yaml", JSON.stringify(envoyConfig(args)), "--log-level", "warn"],
    portMappings: [{ containerPort: ACCESS_PROXY_PORT, protocol: "tcp" }],
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": args.logGroupName, "awslogs-region": args.region, "awslogs-stream-prefix": ACCESS_PROXY_CONTAINER },
    },
  };
}
