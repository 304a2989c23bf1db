import { tourRole } from "./role-tour";

tourRole("executive");
