/**
 * The public API of @ztwin/keyring (documented in README.md, "API"). The DER reader/writer,
 * DN encoding, RFC 6979 signing, PKCS#12 key derivation and the other building blocks in src/ are
 * implementation details and are not exported.
 */
export { type CertStore, type ConnectParams, type Loc, type StoreResult, addCertificate, addRing, alterCertificate, connect, defaultUsage, deleteCertificate, deleteRing, emptyStore, findCertificate, findRing, putCertificate, recordHasPrivateKey, remove, ringHint, ringsOf, storeFrom } from './ring';
export { type KeyringApplyContext, type KeyringApplyResult, applyDeck, applyDeckTask, applyRacdcert, canReadRing, certStoreOf, chainRecords, withCertStore } from './racdcert';
export { type ChainResult, type DefaultCertificateUsability, type RingHealth, type RingMember, chainInRing, defaultCertificateUsability, ringHealth, ringMembers, signedBy } from './health';
export { type TlsView, tlsView } from './tls';
export { certificatesBySerial, issuerAttributes, issuerDnMatches, normalSerial, selectBySerial } from './select';
export { ListData, ListringData, ListringRow, certificateId, listData, listText, listringData, listringText, ownerText, parseListringText } from './listing';
export { fromEbcdic, toEbcdic } from './ebcdic';
export {
  type AltNameParams,
  type CertRequestInfo,
  type GencertContext,
  type GencertOutput,
  type GencertParams,
  type RacfDateTime,
  type RacfKeyUsage,
  type Result,
  gencert,
  genreq,
  parseCertRequest,
  parseRacfDateTime,
  RACF_MAX_YEAR,
  RACF_MIN_YEAR,
} from './gencert';
export { ExportFormat, type ExportedDataSet, type ImportedPackage, type PemBlock, exportCertificate, readCertificatePackage, readPem, recordFromCertificate, writePem } from './formats';
export { type Pkcs12Contents, type Pkcs12EncryptAlg, type Pkcs12MacAlg, type Pkcs12WriteOptions, readPkcs12, readPkcs7, writePkcs12, writePkcs7 } from './pkcs12';
export { type AltNames, type CertInfo, type X509KeyUsage, certInfoB64, parseCertificate } from './certinfo';
export { SubjectDnParts } from './dn';
export { type KeyPairMaterial, type KeySource, type KeySpec, type SerialSource, type WebCrypto, type WebCryptoKey, fixedKeySource, racfSerialSource, seededKeySource, webCryptoKeySource } from './sources';
export {
  type VirtualRingAccess,
  type VirtualRingCertificate,
  type VirtualRingOwner,
  virtualRingAccess,
  virtualRingAnchors,
  virtualRingCertificate,
  virtualRingMembers,
  virtualRingName,
  virtualRingResource,
} from './virtual-ring';
