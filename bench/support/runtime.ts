/**
 * Imported first by every benchmark entry point: maps `@jiuzhu/<lib>` onto the compiled libs next
 * to the compiled benchmark (bench/.build/libs/…), like apps/living-allowance/src/main.ts does for dist.
 */
import '../../libs/common/src/runtime/register-aliases';
