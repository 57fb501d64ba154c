import { safeStorage } from 'electron';
import type { KeySealer } from '../../storage/database-key';

// The database key sealed by the OS through Electron's safeStorage: DPAPI on Windows (bound to
// the Windows account), the Keychain on macOS, libsecret/kwallet on Linux. Where Linux has no
// keyring, safeStorage falls back to a fixed password ("basic_text"): that protects nothing, so
// this sealer then says 'none' and the station refuses to run unless the technician accepted it
// (openStationDatabase's acceptUnsealedKey). Call after the app is ready.
export function safeStorageSealer(): KeySealer {
  const available = safeStorage.isEncryptionAvailable();
  const basicText = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!available || basicText) {
    return {
      protection: 'none',
      seal: (key) => Buffer.from(key),
      unseal: (sealed) => Buffer.from(sealed),
    };
  }
  return {
    protection: 'os-keychain',
    seal: (key) => safeStorage.encryptString(Buffer.from(key).toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'),
  };
}
