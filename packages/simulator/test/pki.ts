import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** A certificate with its private key, as a RACF key ring holds it (PEM). */
export interface Issued {
  readonly certPem: string;
  readonly keyPem: string;
  readonly subject: string;
}

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

let serial = 0x1000;

async function keys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
}

/** A CA certificate (RACDCERT CERTAUTH GENCERT ... KEYUSAGE(CERTSIGN)), self-signed, P-256. */
export async function makeCa(subject: string, notBefore: string, notAfter: string): Promise<Issued> {
  const kp = await keys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: (serial++).toString(16).padStart(4, '0'),
      name: subject,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
      keys: kp,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(kp.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return { certPem: cert.toString('pem'), keyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', kp.privateKey)), subject };
}

/** A personal certificate signed by `issuer` (RACDCERT ID(x) GENCERT ... SIGNWITH(CERTAUTH LABEL(..))). */
export async function makeLeaf(subject: string, issuer: Issued, notBefore: string, notAfter: string): Promise<Issued> {
  const kp = await keys();
  const ca = new x509.X509Certificate(issuer.certPem);
  const der = Buffer.from(issuer.keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const caKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: (serial++).toString(16).padStart(4, '0'),
      subject,
      issuer: ca.subjectName,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
      publicKey: kp.publicKey,
      signingKey: caKey,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return { certPem: cert.toString('pem'), keyPem: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', kp.privateKey)), subject };
}
