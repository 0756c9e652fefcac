import Engine; print(BLAS.coreName)
