/**
 * include/uapi/asm-generic/errno-base.h and errno.h: the error numbers the
 * model returns, negated as the kernel returns them (`return -EAGAIN;`).
 */
export const EINTR = -4;
export const EAGAIN = -11;
export const ENOMEM = -12;
export const EFAULT = -14;
export const EBUSY = -16;
export const EEXIST = -17;
export const EINVAL = -22;
export const ENOSPC = -28;
/** include/linux/errno.h: a signal interrupted a restartable call */
export const ERESTARTSYS = -512;
