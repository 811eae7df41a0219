/** Check digits of Korean identifiers and cards. Input: digits only. */

const digitAt = (value: string, index: number) => value.charCodeAt(index) - 48;
const residentWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const businessWeights = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** Resident and foreigner registration numbers before October 2020 (weights 2..9,2..5, mod 11). */
export function residentNumberChecksumValid(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < residentWeights.length; index++) sum += residentWeights[index]! * digitAt(digits, index);
  return (11 - (sum % 11)) % 10 === digitAt(digits, 12);
}

/** Business registration number (사업자등록번호): weights 1,3,7,1,3,7,1,3,5 plus the carry of the ninth. */
export function businessNumberChecksumValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < businessWeights.length; index++) sum += businessWeights[index]! * digitAt(digits, index);
  sum += Math.floor((digitAt(digits, 8) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digitAt(digits, 9);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let value = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return sum % 10 === 0;
}
