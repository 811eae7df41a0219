import type { PiiType } from './pii-types.js';

/** Korean names of the types, used in placeholders that end users and models read (`[주민등록번호]`). */
export const piiLabels: Record<PiiType, string> = {
  KR_RRN: '주민등록번호',
  KR_FRN: '외국인등록번호',
  KR_BRN: '사업자등록번호',
  KR_PASSPORT: '여권번호',
  KR_DRIVER_LICENSE: '운전면허번호',
  PHONE: '전화번호',
  EMAIL: '이메일',
  CREDIT_CARD: '카드번호',
  BANK_ACCOUNT: '계좌번호',
  KR_VEHICLE_PLATE: '차량번호',
  IP_ADDRESS: 'IP주소',
  KR_ADDRESS: '주소',
  PERSON: '성명',
};
