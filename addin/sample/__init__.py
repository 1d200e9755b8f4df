"""Built-in sample data for `salesbook demo`: a believable small sales company (twelve reps
in three regions, a distributor, six hundred customers) and its year, made from one seed
(`sample.company`), so the demo and the tests that use it always see the same company.
"""
