// `spec.storage`: one EFS file system shared by the stack's containers and functions.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

export const EFS_LIFECYCLE_POLICIES = [
  "AFTER_1_DAY",
  "AFTER_7_DAYS",
  "AFTER_14_DAYS",
  "AFTER_30_DAYS",
  "AFTER_60_DAYS",
  "AFTER_90_DAYS",
  "AFTER_180_DAYS",
  "AFTER_270_DAYS",
  "AFTER_365_DAYS",
] as const;

const PosixId = (description: string) => Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, default: 1000, description }));

export const Storage = Type.Object(
  {
    type: Type.Optional(Type.Enum(["efs"], { default: "efs", description: "Storage kind. Only `efs` (Amazon EFS) exists in v1." })),
    encrypted: Type.Optional(Type.Boolean({ default: true, description: "Encrypt the file system at rest (AWS-managed key)." })),
    lifecyclePolicy: Type.Optional(
      Type.Enum([...EFS_LIFECYCLE_POLICIES], {
        default: "AFTER_30_DAYS",
        description: "When files not accessed move to the Infrequent Access storage class.",
      }),
    ),
    backup: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          "Back the file system up daily with EFS automatic backups (AWS Backup, default EFS vault). Recovery points outlive the stack; turn off only for throwaway stacks.",
      }),
    ),
    mountPath: Type.Optional(
      Type.String({
        pattern: "^/mnt/[A-Za-z0-9_.-]+$",
        maxLength: 160,
        default: "/mnt/data",
        description: "Where containers and functions see the file system. Lambda requires a single folder under /mnt/; containers use the same path.",
      }),
    ),
    accessPoint: Type.Object(
      {
        path: Type.String({
          // EFS accepts at most four levels below `/`, none starting with a dot.
          pattern: "^(/[A-Za-z0-9_-][A-Za-z0-9_.-]*){1,4}$",
          maxLength: 100,
          description:
            "Root directory of the access point inside the file system, e.g. /data: one to four folders, each of letters, digits, `_`, `-` and `.` (not first). Created on first use with uid, gid and permissions.",
        }),
        uid: PosixId("POSIX user id that every access through the access point runs as, and owner of the root directory."),
        gid: PosixId("POSIX group id that every access through the access point runs as, and group of the root directory."),
        permissions: Type.Optional(
          Type.String({
            pattern: "^0?[0-7]{3}$",
            default: "0750",
            description: "Octal mode of the root directory when the access point creates it, as a quoted string (\"0750\"): unquoted, YAML reads 0750 as the number 750.",
          }),
        ),
      },
      { ...strict, description: "The one access point through which the stack mounts the file system." },
    ),
  },
  { ...strict, description: "Amazon EFS file system with one access point, mounted by compute and lambda." },
);
export type Storage = Static<typeof Storage>;

/** `spec.storage` with every default applied. */
export type StorageConfig = Resolved<Storage>;

declare module "./index.js" {
  interface SectionConfigs {
    storage: StorageConfig;
  }
}
