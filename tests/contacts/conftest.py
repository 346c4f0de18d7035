from tests.graph.conftest import plant  # noqa: F401 - the graph tests' planted networks
