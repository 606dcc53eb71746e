#pragma once

namespace devdash::app {

// `devdash [REPO | --demo]`: the window.
int runWindow(int &argc, char **argv);
// `devdash screenshot --page NAME --out FILE.png [--size WxH] (REPO | --demo)`.
int runScreenshot(int &argc, char **argv);

} // namespace devdash::app
