import { z } from "zod";
import { UUID_PATTERN } from "./uuid";

/** An id field of a body or query: the same check as isUuid (zod's own .uuid() is stricter about versions). */
export const idSchema = (message = "This is not a valid id.") => z.string().regex(UUID_PATTERN, message);
