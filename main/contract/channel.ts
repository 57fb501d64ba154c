import { z } from 'zod';

/** One channel of the contract: its input and output schemas and what it is for. */
export const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) => ({
  input,
  output,
  summary,
});

/** The input of a channel that takes nothing. */
export const none = z.object({}).strict();
