/**
 * Digits as the code reads them. An Arabic keyboard (a phone set to Arabic, Gboard's Arabic layout)
 * types Arabic-Indic digits (٠١٢ … ٩) or their Persian forms (۰۱۲ … ۹): a visitor's phone number or a
 * badge's short code typed so is the same number, the same code.
 */
export function latinDigits(text: string): string {
  // U+0660..0669 and U+06F0..06F9: the digit is the code point's last hex digit.
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}
