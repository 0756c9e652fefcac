#pragma once
#include <stddef.h>
#include <cblas.h>

/*
 * LAPACK routines exported by Debian's libopenblas (0.3.21), declared here because the package
 * ships no LAPACK header. They follow the Fortran calling convention: every argument by pointer,
 * matrices column-major, 32-bit integers (Debian builds OpenBLAS without INTERFACE64). gfortran
 * also passes the length of each CHARACTER argument as a hidden trailing size_t; we declare and
 * pass those lengths (always 1) so a callee compiled by gfortran never reads stack slots that the
 * caller did not write — omitting them is the classic source of crashes with newer gfortran
 * (see the R / LAPACK "hidden string length" episode, 2019). A C-implemented routine ignores them.
 */

/* All eigenvalues (ascending) and optionally eigenvectors of a symmetric matrix (divide and conquer). */
void dsyevd_(char *jobz, char *uplo, int *n, double *a, int *lda, double *w,
             double *work, int *lwork, int *iwork, int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

/* Selected eigenvalues and eigenvectors of a symmetric matrix (relatively robust representations). */
void dsyevr_(char *jobz, char *range, char *uplo, int *n, double *a, int *lda,
             double *vl, double *vu, int *il, int *iu, double *abstol, int *m,
             double *w, double *z, int *ldz, int *isuppz,
             double *work, int *lwork, int *iwork, int *liwork, int *info,
             size_t jobz_len, size_t range_len, size_t uplo_len);

/* Cholesky factorisation A = U^T U or L L^T of a symmetric positive-definite matrix. */
void dpotrf_(char *uplo, int *n, double *a, int *lda, int *info, size_t uplo_len);

/* Solves A X = B given the Cholesky factor from dpotrf_. */
void dpotrs_(char *uplo, int *n, int *nrhs, double *a, int *lda, double *b, int *ldb, int *info,
             size_t uplo_len);
