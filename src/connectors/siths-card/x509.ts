// @peculiar/x509 resolves its crypto through tsyringe, which needs the reflect polyfill.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** @peculiar/x509 with Node's WebCrypto as provider; import it from here, not directly. */
export { x509 };
