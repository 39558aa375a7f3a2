//===- Frontend/Output.cpp - where and how generated source is written ----===//
//
// Shared by tad-gen and the plugin's emit-dir, so that both write the same
// file names, and a failed run never leaves a half-written file.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Frontend.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace tad {

std::string defaultOutputPath(StringRef Input) {
  SmallString<256> P(Input);
  bool Cuda = sys::path::extension(P) == ".cu";
  sys::path::replace_extension(P, Cuda ? ".tad.cu" : ".tad.cpp");
  return std::string(P);
}

bool writeFileAtomically(const std::string &Path, const std::string &Text,
                         std::string &Error) {
  if (Path == "-") {
    outs() << Text;
    outs().flush();
    return true;
  }
  // Not a regular file (/dev/null, a pipe, /dev/stdout): written in place.
  // Renaming a temporary over it would replace the device or the pipe by a
  // regular file (as root, even /dev/null).
  sys::fs::file_status St;
  if (!sys::fs::status(Path, St) && sys::fs::exists(St) &&
      St.type() != sys::fs::file_type::regular_file) {
    if (St.type() == sys::fs::file_type::directory_file) {
      Error = "cannot write '" + Path + "': it is a directory";
      return false;
    }
    std::error_code EC;
    raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
    if (EC) {
      Error = "cannot write '" + Path + "': " + EC.message();
      return false;
    }
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write '" + Path + "': " + OS.error().message();
      OS.clear_error();
      return false;
    }
    return true;
  }
  // Through a symbolic link: replace the file it points to, not the link.
  std::string Target = Path;
  if (sys::fs::is_symlink_file(Path)) {
    SmallString<256> Real;
    if (!sys::fs::real_path(Path, Real))
      Target = std::string(Real);
  }
  SmallString<256> Tmp;
  int FD;
  if (std::error_code EC =
          sys::fs::createUniqueFile(Target + ".tmp%%%%%%", FD, Tmp)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      Error = "cannot write '" + Tmp.str().str() + "'";
      OS.clear_error();
      sys::fs::remove(Tmp);
      return false;
    }
  }
  if (std::error_code EC = sys::fs::rename(Tmp, Target)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    sys::fs::remove(Tmp);
    return false;
  }
  return true;
}

} // namespace tad
