import { tourRole } from "./role-tour";

tourRole("buyer");
