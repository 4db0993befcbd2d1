import { np, vmap } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

const batch = 1_000_000;
const rate = 0.02;
const volatility = 0.3;

/**
 * The standard normal CDF by Abramowitz & Stegun 26.2.17 (absolute error
 * below 7.5e-8): the classic Black–Scholes benchmark's approximation, written
 * with Math.exp and arithmetic only so that every peer can compute the same thing.
 */
function normalCdf(x: number): number {
  const k = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
  const upper = 1 - 0.3989422804014327 * Math.exp(-0.5 * x * x) * poly;
  return x < 0 ? 1 - upper : upper;
}

/** W3, per example: the Black–Scholes price of one European call. */
export function blackScholesCall(spot: number, strike: number, years: number): number {
  const volatilityTime = volatility * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / volatilityTime;
  const d2 = d1 - volatilityTime;
  return spot * normalCdf(d1) - strike * Math.exp(-rate * years) * normalCdf(d2);
}

export const blackScholesBatched = vmap(blackScholesCall);

/** The limit: the same arithmetic, one pass, one output store per option. */
export function blackScholesLoop(spot: Float64Array, strike: Float64Array, years: Float64Array): Float64Array {
  const out = new Float64Array(spot.length);
  const drift = rate + 0.5 * volatility * volatility;
  for (let i = 0; i < spot.length; i++) {
    const volatilityTime = volatility * Math.sqrt(years[i]);
    const d1 = (Math.log(spot[i] / strike[i]) + drift * years[i]) / volatilityTime;
    const d2 = d1 - volatilityTime;
    out[i] = spot[i] * normalCdf(d1) - strike[i] * Math.exp(-rate * years[i]) * normalCdf(d2);
  }
  return out;
}

export function cases(): BenchCase[] {
  const random = new Random(4);
  const spotData = random.uniform(batch, 50, 150);
  const strikeData = random.uniform(batch, 50, 150);
  const yearsData = random.uniform(batch, 0.1, 2);
  const spot = np.array(spotData);
  const strike = np.array(strikeData);
  const years = np.array(yearsData);
  const perExample = vmap.reference(blackScholesCall);
  return [
    {
      workload: "blackscholes",
      size: batch.toLocaleString("en-US"),
      args: [spot, strike, years],
      constants: { rate, volatility },
      batched: blackScholesBatched,
      perExample: () => perExample(spot, strike, years),
      handWritten: () => blackScholesLoop(spotData, strikeData, yearsData),
    },
  ];
}
