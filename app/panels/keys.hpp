// Key codes as the GLFW backend puts them in ImGuiIO::KeysDown (GLFW's own values: printable keys
// are their ASCII capitals). Kept here so that panels and the headless test need no GLFW header;
// app.cpp checks them against GLFW at compile time.
#pragma once

namespace optviz::gui::keys {

inline constexpr int kSpace = 32;
inline constexpr int kMinus = 45;
inline constexpr int kZero = 48;
inline constexpr int kOne = 49;
inline constexpr int kNine = 57;
inline constexpr int kEqual = 61;
inline constexpr int kA = 65;
inline constexpr int kD = 68;
inline constexpr int kE = 69;
inline constexpr int kF = 70;
inline constexpr int kG = 71;
inline constexpr int kH = 72;
inline constexpr int kL = 76;
inline constexpr int kO = 79;
inline constexpr int kP = 80;
inline constexpr int kQ = 81;
inline constexpr int kR = 82;
inline constexpr int kS = 83;
inline constexpr int kT = 84;
inline constexpr int kV = 86;
inline constexpr int kW = 87;
inline constexpr int kY = 89;
inline constexpr int kZ = 90;
inline constexpr int kLeftBracket = 91;
inline constexpr int kRightBracket = 93;
inline constexpr int kEscape = 256;
inline constexpr int kEnter = 257;
inline constexpr int kTab = 258;
inline constexpr int kBackspace = 259;
inline constexpr int kDelete = 261;
inline constexpr int kRight = 262;
inline constexpr int kLeft = 263;
inline constexpr int kDown = 264;
inline constexpr int kUp = 265;
inline constexpr int kPageUp = 266;
inline constexpr int kPageDown = 267;
inline constexpr int kHome = 268;
inline constexpr int kEnd = 269;
inline constexpr int kF1 = 290;
inline constexpr int kF11 = 300;
inline constexpr int kKeypadSubtract = 333;
inline constexpr int kKeypadAdd = 334;

}  // namespace optviz::gui::keys
