import 'i18next';
import type { Catalogue } from './i18n.ts';

// Keys are checked by the compiler against the Russian catalogue (the tests check the other two against it).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: Catalogue;
    returnNull: false;
  }
}
