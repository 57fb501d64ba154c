/*
 * A PKCS#11 module that forwards every call to SoftHSM2 and adds what a smart-card token does
 * and SoftHSM does not: a limited number of user-PIN tries. After each wrong PIN the token
 * reports CKF_USER_PIN_COUNT_LOW, with one try left CKF_USER_PIN_FINAL_TRY, and after the last
 * one CKF_USER_PIN_LOCKED (C_Login then answers CKR_PIN_LOCKED). A right PIN resets the count.
 * The count is kept in a file per slot, so it survives C_Finalize/C_Initialize like a card does.
 *
 * Built by test/hardware/tokens/softhsm-rig.ts with SHIM_TARGET (path of a libsofthsm2.so),
 * SHIM_STATE_DIR (folder of the counters) and SHIM_MAX_TRIES defined; the environment
 * variables PIN_SHIM_TARGET, PIN_SHIM_STATE_DIR and PIN_SHIM_MAX_TRIES override them.
 * PIN_SHIM_LOGIN_DELAY_MS makes C_Login as slow as a real card (or a PIN pad) can be.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "pkcs11.h"

static CK_FUNCTION_LIST_PTR target;
static CK_FUNCTION_LIST shim;

#ifndef SHIM_TARGET
#define SHIM_TARGET "libsofthsm2.so"
#endif
#ifndef SHIM_STATE_DIR
#define SHIM_STATE_DIR "/tmp"
#endif
#ifndef SHIM_MAX_TRIES
#define SHIM_MAX_TRIES 3
#endif

static const char *setting(const char *name, const char *fallback) {
  const char *s = getenv(name);
  return s && *s ? s : fallback;
}

static int max_tries(void) {
  const char *s = getenv("PIN_SHIM_MAX_TRIES");
  int n = s ? atoi(s) : SHIM_MAX_TRIES;
  return n > 0 ? n : SHIM_MAX_TRIES;
}

static void state_path(CK_SLOT_ID slot, char *out, size_t size) {
  snprintf(out, size, "%s/slot-%lu.failures", setting("PIN_SHIM_STATE_DIR", SHIM_STATE_DIR), (unsigned long)slot);
}

static int failures(CK_SLOT_ID slot) {
  char path[4096];
  state_path(slot, path, sizeof path);
  FILE *f = fopen(path, "r");
  int n = 0;
  if (f) {
    if (fscanf(f, "%d", &n) != 1) n = 0;
    fclose(f);
  }
  return n;
}

static void set_failures(CK_SLOT_ID slot, int n) {
  char path[4096];
  state_path(slot, path, sizeof path);
  FILE *f = fopen(path, "w");
  if (f) {
    fprintf(f, "%d\n", n);
    fclose(f);
  }
}

static CK_RV shim_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  CK_RV rv = target->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK) return rv;
  int left = max_tries() - failures(slot);
  info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  if (left <= 0) info->flags |= CKF_USER_PIN_LOCKED;
  else if (left == 1) info->flags |= CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_COUNT_LOW;
  else if (left < max_tries()) info->flags |= CKF_USER_PIN_COUNT_LOW;
  return CKR_OK;
}

static CK_RV shim_Login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  const char *delay = getenv("PIN_SHIM_LOGIN_DELAY_MS");
  if (delay && atoi(delay) > 0) usleep((useconds_t)atoi(delay) * 1000);
  if (user != CKU_USER) return target->C_Login(session, user, pin, len);
  CK_SESSION_INFO si;
  CK_RV rv = target->C_GetSessionInfo(session, &si);
  if (rv != CKR_OK) return rv;
  int failed = failures(si.slotID);
  if (failed >= max_tries()) return CKR_PIN_LOCKED;
  rv = target->C_Login(session, user, pin, len);
  if (rv == CKR_PIN_INCORRECT) set_failures(si.slotID, failed + 1);
  else if (rv == CKR_OK && failed != 0) set_failures(si.slotID, 0);
  return rv;
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (!list) return CKR_ARGUMENTS_BAD;
  if (!target) {
    void *lib = dlopen(setting("PIN_SHIM_TARGET", SHIM_TARGET), RTLD_NOW | RTLD_LOCAL);
    if (!lib) return CKR_GENERAL_ERROR;
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
    if (!get || get(&target) != CKR_OK) return CKR_GENERAL_ERROR;
    shim = *target;
    shim.C_GetTokenInfo = shim_GetTokenInfo;
    shim.C_Login = shim_Login;
  }
  *list = &shim;
  return CKR_OK;
}
