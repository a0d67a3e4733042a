"""The package list: every package under src/, plus resources/ and i18n/ from the top level,
which pyproject.toml maps to jixiao.resources and jixiao.i18n (pyproject's own `find` cannot
add packages that live outside its search roots)."""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "jixiao.resources", "jixiao.i18n"])
