import { ValidationInputError } from '../validation-input-error.js';

// Wichura's PPND16 (Applied Statistics algorithm AS 241, 1988): three rational approximations in Horner form, with
// Wichura's coefficients and breakpoints, accurate to about 1 part in 1e16.
const SPLIT_CENTRAL = 0.425;
const SPLIT_TAIL = 5;

function central(q: number): number {
  const r = 0.180625 - q * q;
  const num =
    ((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
      13731.69376550946) *
      r +
      1971.5909503065513) *
      r +
      133.14166789178438) *
      r +
    3.3871328727963665;
  const den =
    ((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
      5394.196021424751) *
      r +
      687.1870074920579) *
      r +
      42.31333070160091) *
      r +
    1;
  return (q * num) / den;
}

/** The deviate for a tail probability `p ≤ 0.075`, where `r = √(−ln p)`. */
function tail(r: number): number {
  if (r <= SPLIT_TAIL) {
    const s = r - 1.6;
    const num =
      ((((((0.0007745450142783414 * s + 0.022723844989269184) * s + 0.2417807251774506) * s + 1.2704582524523684) * s +
        3.6478483247632045) *
        s +
        5.769497221460691) *
        s +
        4.630337846156546) *
        s +
      1.4234371107496835;
    const den =
      ((((((1.0507500716444169e-9 * s + 0.0005475938084995345) * s + 0.015198666563616457) * s + 0.14810397642748008) *
        s +
        0.6897673349851) *
        s +
        1.6763848301838038) *
        s +
        2.053191626637759) *
        s +
      1;
    return num / den;
  }
  const s = r - SPLIT_TAIL;
  const num =
    ((((((2.0103343992922881e-7 * s + 0.000027115555687434876) * s + 0.0012426609473880784) * s +
      0.026532189526576124) *
      s +
      0.29656057182850487) *
      s +
      1.7848265399172913) *
      s +
      5.463784911164114) *
      s +
    6.657904643501103;
  const den =
    ((((((2.0442631033899397e-15 * s + 1.421511758316446e-7) * s + 0.000018463183175100548) * s +
      0.0007868691311456133) *
      s +
      0.014875361290850615) *
      s +
      0.1369298809227358) *
      s +
      0.599832206555888) *
      s +
    1;
  return num / den;
}

/**
 * Φ⁻¹(p), the standard normal quantile, to about 1e-16 relative accuracy.
 *
 * Why: the deflated Sharpe ratio's benchmark is built from Φ⁻¹(1 − 1/N) and Φ⁻¹(1 − 1/(N·e)); with N up to 10⁵
 * trials these are deep-tail quantiles, where low-order approximations (Acklam's, about 1e-9) lose digits. This is
 * Wichura's AS 241 (PPND16), the algorithm R's qnorm uses.
 *
 * @throws {@link ValidationInputError} unless `0 < p < 1`.
 * @example
 * inverseNormalCdf(0.975); // 1.959963984540054
 * inverseNormalCdf(0.5); // 0
 */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new ValidationInputError(`inverseNormalCdf: probability must be strictly between 0 and 1, got ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= SPLIT_CENTRAL) return central(q);
  const deviate = tail(Math.sqrt(-Math.log(q < 0 ? p : 1 - p)));
  return q < 0 ? -deviate : deviate;
}
