import type { PiiRecognizer } from '../pii-types.js';
import { addressRecognizer } from './address.js';
import { bankAccountRecognizer } from './bank-account.js';
import { businessNumberRecognizer } from './business-number.js';
import { creditCardRecognizer } from './credit-card.js';
import { driverLicenseRecognizer } from './driver-license.js';
import { emailRecognizer } from './email.js';
import { ipAddressRecognizer } from './ip-address.js';
import { passportRecognizer } from './passport.js';
import { personNameRecognizer } from './person-name.js';
import { phoneRecognizer } from './phone.js';
import { residentNumberRecognizer } from './resident-number.js';
import { vehiclePlateRecognizer } from './vehicle-plate.js';

export const allRecognizers: readonly PiiRecognizer[] = [
  residentNumberRecognizer, businessNumberRecognizer, passportRecognizer, driverLicenseRecognizer, phoneRecognizer,
  emailRecognizer, creditCardRecognizer, bankAccountRecognizer, vehiclePlateRecognizer, ipAddressRecognizer,
  addressRecognizer, personNameRecognizer,
];
