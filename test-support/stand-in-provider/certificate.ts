// A fresh self-signed ECDSA P-256 certificate for go-plugin's automatic mTLS, built with
// node:crypto (key pair and signature) and a small DER writer for the X.509 structure (RFC 5280).
// Like go-plugin's own: CN=localhost, O=HashiCorp, a CA for itself, serverAuth + clientAuth,
// subjectAltName localhost (Terraform checks the server name "localhost" against it).
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, content: Buffer) => Buffer.concat([Buffer.from([tag]), length(content.length), content]);
const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

function integer(b: Buffer): Buffer {
  let content = b;
  while (content.length > 1 && content[0] === 0 && content[1]! < 0x80) content = content.subarray(1);
  if (content[0]! >= 0x80) content = Buffer.concat([Buffer.from([0]), content]);
  return tlv(0x02, content);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    let v = p;
    do {
      chunk.unshift((v & 0x7f) | (chunk.length ? 0x80 : 0));
      v >>= 7;
    } while (v > 0);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, "0");
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, "ascii"));
}

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface Certificate {
  certPem: string;
  keyPem: string;
  der: Buffer;
}

export function selfSignedCertificate(now = new Date()): Certificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const name = seq(set(seq(oid("2.5.4.10"), utf8("HashiCorp"))), set(seq(oid("2.5.4.3"), utf8("localhost"))));
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ecdsaWithSha256,
    name,
    seq(utcTime(new Date(now.getTime() - 30_000)), utcTime(new Date(now.getTime() + 24 * 3600_000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      seq(
        extension("2.5.29.15", true, bits(Buffer.from([0xa4]), 2)), // digitalSignature, keyEncipherment, keyCertSign
        extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))), // serverAuth, clientAuth
        extension("2.5.29.19", true, seq(bool(true))), // CA
        extension("2.5.29.17", false, seq(tlv(0x82, Buffer.from("localhost", "ascii")))), // DNS:localhost
      ),
    ),
  );
  const der = seq(tbs, ecdsaWithSha256, bits(sign("sha256", tbs, privateKey)));
  const base64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${base64}${base64.endsWith("\n") ? "" : "\n"}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}
