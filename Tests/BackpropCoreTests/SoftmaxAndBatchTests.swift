import Testing
@testable import BackpropCore

/// Softmax with the log-likelihood cost, an activation per layer, and batches with either reduction,
/// checked against values from outside the code under test: hand calculations written here, and
/// the output of a NumPy script pasted below (float64; `softmax(z) = exp(z − max z) / sum`,
/// δ(2) = a − y, δ(1) = (W2ᵀ δ(2)) · g′, gradients `outer(δ, a_prev)`, summed over the batch and
/// divided by m for the mean). The network is 2-3-3 with the hidden activation varied.
struct SoftmaxAndBatchTests {
    static let weights: [[[Double]]] = [
        [[0.5, -0.4], [0.3, 0.8], [-0.7, 0.2]],
        [[0.6, -0.5, 0.9], [-0.3, 0.4, 0.2], [0.7, 0.1, -0.8]],
    ]
    static let biases: [[Double]] = [[0.1, -0.2, 0.05], [0.02, -0.1, 0.15]]
    static let inputs: [[Double]] = [[0.9, -0.3], [0.1, 0.7], [-0.5, 0.4], [1.2, 0.8], [-1.1, -0.6],
                                     [0.3, 0.3], [0.0, -0.9], [0.6, -1.2], [-0.2, 0.1], [1.5, -0.4]]
    static let labels = [0, 2, 1, 1, 0, 2, 2, 0, 1, 2]
    static let examples = inputs.indices.map {
        Example(input: inputs[$0], target: Example.oneHot(labels[$0], classes: 3), label: labels[$0])
    }

    static func network(hidden: Activation) throws -> Network {
        try Network(sizes: [2, 3, 3], weights: weights, biases: biases, activations: [hidden, .softmax], cost: .logLikelihood)
    }

    static func close(_ x: Double, _ expected: Double) -> Bool {
        abs(x - expected) <= 1e-13 + 1e-12 * abs(expected)
    }

    // The NumPy script's output, pasted.
    static let perExample: [Activation: (a: [Double], outputDelta: [Double], hiddenDelta: [Double])] = [
        .sigmoid: (a: [0.40485407673737855, 0.23470822107876266, 0.36043770218385873],
                  outputDelta: [-0.5951459232626215, 0.23470822107876266, 0.36043770218385873],
                  hiddenDelta: [-0.03922878439131668, 0.1061065372830787, -0.17565091951696865]),
        .tanh: (a: [0.2212413889937802, 0.14791816985124434, 0.6308404411549754],
                  outputDelta: [-0.7787586110062198, 0.14791816985124434, 0.6308404411549754],
                  hiddenDelta: [-0.046073728197985234, 0.49712477593172827, -0.8007054438228653]),
        .relu: (a: [0.3699540722755451, 0.1795365608760271, 0.45050936684842796],
                  outputDelta: [-0.6300459277244549, 0.1795365608760271, 0.45050936684842796],
                  hiddenDelta: [-0.11653196810358148, 0.0, -0.0]),
    ]
    static let batches: [Activation: [Int: (costMean: Double, costSum: Double, mean: [Double], sum: [Double])]] = [
        .sigmoid: [
            1: (costMean: 0.9042285811529585, costSum: 0.9042285811529585,
                mean: [-0.03530590595218502, 0.011768635317395004, 0.09549588355477083, -0.03183196118492361, -0.15808582756527179, 0.052695275855090595, -0.03922878439131668, 0.1061065372830787, -0.17565091951696865, -0.393690908424982, -0.27234000002472564, -0.2054720704406772, 0.15526022973450648, 0.10740296528283065, 0.08103220109468978, 0.23843067869047546, 0.16493703474189494, 0.12443986934598739, -0.5951459232626215, 0.23470822107876266, 0.36043770218385873],
                sum: [-0.03530590595218502, 0.011768635317395004, 0.09549588355477083, -0.03183196118492361, -0.15808582756527179, 0.052695275855090595, -0.03922878439131668, 0.1061065372830787, -0.17565091951696865, -0.393690908424982, -0.27234000002472564, -0.2054720704406772, 0.15526022973450648, 0.10740296528283065, 0.08103220109468978, 0.23843067869047546, 0.16493703474189494, 0.12443986934598739, -0.5951459232626215, 0.23470822107876266, 0.36043770218385873]),
            3: (costMean: 1.1343963030037527, costSum: 3.4031889090112584,
                mean: [-0.04184179567700227, 0.006576330690384519, 0.050986957285562906, -0.036289970791485306, -0.04693162940016613, 0.07790533394344912, 0.014139173045545433, -0.018872408259738512, 0.02984726082402073, -0.0008014121767023208, 0.06832839958129867, 0.10055946349298768, -0.00449648921361014, -0.024662962160885944, -0.06980411726663023, 0.005297901390312433, -0.043665437420412755, -0.03075534622635746, 0.09517240933006299, -0.06481149064324558, -0.03036091868681745],
                sum: [-0.1255253870310068, 0.019728992071153556, 0.15296087185668872, -0.10886991237445592, -0.1407948882004984, 0.23371600183034735, 0.0424175191366363, -0.05661722477921553, 0.0895417824720622, -0.0024042365301069624, 0.20498519874389604, 0.30167839047896305, -0.013489467640830421, -0.07398888648265783, -0.20941235179989068, 0.0158937041709373, -0.13099631226123826, -0.09226603867907238, 0.28551722799018897, -0.19443447192973673, -0.09108275606045235]),
            10: (costMean: 1.0763823705931292, costSum: 10.763823705931292,
                mean: [-0.002494713063896644, 0.02923464497565791, -0.003704994280912018, -0.02899115960373274, 0.018271073532591945, 0.027147261618770402, 0.010815195682328188, -0.024884682338481567, 0.04421784524058438, 0.061481890822175186, 0.0920931513681742, 0.06772639765489692, -0.010442674140988466, -0.047296091384882354, -0.034155752895270876, -0.05103921668118674, -0.044797059983291865, -0.03357064475962607, 0.13326345464756392, -0.04867640391177562, -0.08458705073578834],
                sum: [-0.02494713063896644, 0.2923464497565791, -0.03704994280912018, -0.2899115960373274, 0.18271073532591944, 0.271472616187704, 0.10815195682328188, -0.24884682338481567, 0.44217845240584375, 0.6148189082217519, 0.920931513681742, 0.6772639765489692, -0.10442674140988467, -0.47296091384882355, -0.34155752895270874, -0.5103921668118674, -0.44797059983291865, -0.33570644759626067, 1.3326345464756393, -0.48676403911775623, -0.8458705073578834]),
        ],
        .tanh: [
            1: (costMean: 1.5085009156536167, costSum: 1.5085009156536167,
                mean: [-0.041466355378186714, 0.01382211845939557, 0.44741229833855545, -0.14913743277951846, -0.7206348994405788, 0.2402116331468596, -0.046073728197985234, 0.49712477593172827, -0.8007054438228653, -0.45555812105877747, 0.13112818940213025, 0.4399203911325608, 0.08652915367551266, -0.024906616142849333, -0.08355890800679988, 0.3690289673832648, -0.1062215732592809, -0.3563614831257609, -0.7787586110062198, 0.14791816985124434, 0.6308404411549754],
                sum: [-0.041466355378186714, 0.01382211845939557, 0.44741229833855545, -0.14913743277951846, -0.7206348994405788, 0.2402116331468596, -0.046073728197985234, 0.49712477593172827, -0.8007054438228653, -0.45555812105877747, 0.13112818940213025, 0.4399203911325608, 0.08652915367551266, -0.024906616142849333, -0.08355890800679988, 0.3690289673832648, -0.1062215732592809, -0.3563614831257609, -0.7787586110062198, 0.14791816985124434, 0.6308404411549754]),
            3: (costMean: 1.2135775302231886, costSum: 3.6407325906695656,
                mean: [-0.11842735054595298, -0.01467297311100276, 0.22234719121665455, -0.12240582427235625, -0.22258875211989482, 0.28885735602280027, 0.03544558308140607, -0.0024428581218620495, 0.04075260251088804, -0.2072955722606686, 0.07555309966801647, 0.22192990846488528, 0.07740460615178045, 0.04439488735336151, -0.1090203629754284, 0.12989096610888815, -0.11994798702137797, -0.11290954548945686, -0.0196278036614362, -0.04138777719354114, 0.06101558085497735],
                sum: [-0.3552820516378589, -0.04401891933300828, 0.6670415736499636, -0.36721747281706874, -0.6677662563596845, 0.8665720680684008, 0.10633674924421821, -0.007328574365586149, 0.12225780753266412, -0.6218867167820058, 0.2266592990040494, 0.6657897253946559, 0.23221381845534136, 0.13318466206008453, -0.3270610889262852, 0.3896728983266644, -0.3598439610641339, -0.3387286364683706, -0.058883410984308604, -0.12416333158062343, 0.18304674256493206]),
            10: (costMean: 1.005398024065147, costSum: 10.05398024065147,
                mean: [0.02988575684005109, 0.07423746824270284, 0.04146028525501026, -0.07688826207561451, -0.08212842825954152, 0.10344269274724815, 0.07267921999558308, -0.05698812786476461, 0.05053746020439075, -0.06570222920788912, 0.07686807780228148, 0.06158925090369749, 0.02021241248660362, -0.05735883233904769, -0.011355912188872207, 0.045489816721285485, -0.019509245463233793, -0.050233338714825285, 0.030790433118821996, -0.07371982356671311, 0.04292939044789108],
                sum: [0.2988575684005109, 0.7423746824270284, 0.4146028525501026, -0.7688826207561451, -0.8212842825954152, 1.0344269274724815, 0.7267921999558308, -0.569881278647646, 0.5053746020439075, -0.6570222920788912, 0.7686807780228149, 0.6158925090369749, 0.2021241248660362, -0.5735883233904769, -0.11355912188872207, 0.45489816721285486, -0.19509245463233793, -0.5023333871482528, 0.30790433118821997, -0.7371982356671312, 0.4292939044789108]),
        ],
        .relu: [
            1: (costMean: 0.9943764100335202, costSum: 0.9943764100335202,
                mean: [-0.10487877129322333, 0.03495959043107444, 0.0, 0.0, 0.0, 0.0, -0.11653196810358148, 0.0, 0.0, -0.4221307715753848, 0.0, 0.0, 0.12028949578693816, 0.0, 0.0, 0.3018412757884468, 0.0, 0.0, -0.6300459277244549, 0.1795365608760271, 0.45050936684842796],
                sum: [-0.10487877129322333, 0.03495959043107444, 0.0, 0.0, 0.0, 0.0, -0.11653196810358148, 0.0, 0.0, -0.4221307715753848, 0.0, 0.0, 0.12028949578693816, 0.0, 0.0, 0.3018412757884468, 0.0, 0.0, -0.6300459277244549, 0.1795365608760271, 0.45050936684842796]),
            3: (costMean: 1.0844996038217136, costSum: 3.253498811465141,
                mean: [-0.034959590431074446, 0.011653196810358146, -0.0025260509621401763, -0.017682356734981235, 0.013280521506688752, 0.21242545648677305, -0.038843989367860494, -0.025260509621401764, 0.3165926088206595, -0.14071025719179495, 0.039017189014563324, 0.0868625841938747, 0.040096498595646055, 0.04519571552130436, -0.09864803644588155, 0.10061375859614892, -0.08421290453586767, 0.011785452252006839, 0.04598146362632451, -0.05875638476260758, 0.012774921136283118],
                sum: [-0.10487877129322333, 0.03495959043107444, -0.007578152886420529, -0.0530470702049437, 0.03984156452006626, 0.6372763694603192, -0.11653196810358148, -0.07578152886420529, 0.9497778264619785, -0.4221307715753848, 0.11705156704368996, 0.2605877525816241, 0.12028949578693816, 0.13558714656391307, -0.29594410933764465, 0.3018412757884468, -0.25263871360760304, 0.035356356756020516, 0.13794439087897353, -0.17626915428782275, 0.038324763408849355]),
            10: (costMean: 0.974778771671249, costSum: 9.747787716712491,
                mean: [0.028692103573510586, 0.08750596063655817, -0.04599385065847518, -0.036527468806868565, 0.061161832755038406, 0.09412465014897635, -0.027430911937794965, -0.05326538557658896, 0.03990360208327505, -0.028619227544410625, 0.034873097604919225, 0.0012944228630509507, 0.02626134641608855, -0.03814398188256027, -0.02419369166175448, 0.0023578811283220926, 0.0032708842776410438, 0.022899268798703524, 0.07341311494727301, -0.04998673071814371, -0.023426384229129283],
                sum: [0.28692103573510586, 0.8750596063655818, -0.4599385065847518, -0.3652746880686857, 0.611618327550384, 0.9412465014897635, -0.27430911937794966, -0.5326538557658896, 0.3990360208327505, -0.28619227544410625, 0.34873097604919223, 0.012944228630509508, 0.2626134641608855, -0.3814398188256027, -0.24193691661754482, 0.023578811283220924, 0.03270884277641044, 0.22899268798703523, 0.7341311494727301, -0.4998673071814371, -0.23426384229129282]),
        ],
    ]

    @Test func softmaxMatchesHandCalculation() {
        // z = (1, 2, 3): m = 3, e = (e⁻², e⁻¹, 1) = (0.1353352832366127, 0.36787944117144233, 1),
        // S = 1.5032147244080551, a = e / S = (0.09003057317038046, 0.24472847105479764, 0.6652409557748218).
        let a = Activation.softmax.values([1, 2, 3])
        #expect(Self.close(a[0], 0.09003057317038046) && Self.close(a[1], 0.24472847105479764) && Self.close(a[2], 0.6652409557748218))
        #expect(Self.close(a.reduce(0, +), 1))
        // No overflow: z = (1000, 1001) is (0, 1) shifted by 1000, so a = (1/(1 + e), e/(1 + e)).
        let big = Activation.softmax.values([1000, 1001])
        #expect(Self.close(big[0], 0.2689414213699951) && Self.close(big[1], 0.7310585786300049))
        let terms = Activation.softmaxTerms([1, 2, 3])
        #expect(terms.max == 3 && Self.close(terms.sum, 1.5032147244080551))
    }

    @Test func logLikelihoodMatchesHandCalculation() {
        // y = class 2 of z = (1, 2, 3): C = −ln a₂ = ln S − (z₂ − m) = ln 1.5032147244080551 = 0.4076059644443804.
        let c = Cost.logLikelihood.value(z: [1, 2, 3], a: Activation.softmax.values([1, 2, 3]), y: [0, 0, 1])
        #expect(Self.close(c, 0.4076059644443804))
        // Finite where a rounds to 0: y = class 0 of z = (0, 800): C = 800 (a₀ = e⁻⁸⁰⁰ underflows).
        #expect(Cost.logLikelihood.value(z: [0, 800], a: [0, 1], y: [1, 0]) == 800)
        #expect(Cost.logLikelihood.activationGradient(a: 0.25, y: 1) == -4)
        #expect(Cost.logLikelihood.outputDelta(a: 0.25, y: 1, activation: .softmax) == -0.75)
        // C = −Σⱼ yⱼ ln aⱼ does not depend on aⱼ where yⱼ = 0: ∂C/∂aⱼ = −0 (as −0/aⱼ for any aⱼ > 0),
        // also where aⱼ underflowed to 0 (−0/0 would be NaN, taken for an overflow).
        let zero = Cost.logLikelihood.activationGradient(a: 0, y: 0)
        #expect(zero == 0 && zero.sign == .minus)
        #expect(Cost.logLikelihood.activationGradient(a: 0.25, y: 0).bitPattern == (-0.0).bitPattern)
    }

    @Test(arguments: [Activation.sigmoid, .tanh, .relu])
    func eachHiddenActivationUnderASoftmaxOutputMatchesNumPy(hidden: Activation) throws {
        let network = try Self.network(hidden: hidden)
        let expected = try #require(Self.perExample[hidden])
        let t = network.backprop(Self.examples[0])
        for j in 0..<3 {
            #expect(Self.close(t.a[2][j], expected.a[j]), "\(hidden) a(2)\(j)")
            #expect(Self.close(t.delta[2][j], expected.outputDelta[j]), "\(hidden) δ(2)\(j)")
            #expect(Self.close(t.delta[1][j], expected.hiddenDelta[j]), "\(hidden) δ(1)\(j)")
        }
        #expect(Self.close(t.a[2].reduce(0, +), 1))
    }

    @Test(arguments: [Activation.sigmoid, .tanh, .relu], [1, 3, 10])
    func batchesWithBothReductionsMatchNumPy(hidden: Activation, m: Int) throws {
        let network = try Self.network(hidden: hidden)
        let expected = try #require(Self.batches[hidden]?[m])
        let examples = Array(Self.examples.prefix(m))
        for reduction in Reduction.allCases {
            let batch = try network.batch(Batch(examples, reduction: reduction))
            let cost = reduction == .mean ? expected.costMean : expected.costSum
            let gradient = reduction == .mean ? expected.mean : expected.sum
            #expect(batch.reduction == reduction && Self.close(batch.cost, cost), "\(hidden) m = \(m) \(reduction)")
            for (i, g) in batch.gradient.flattened.enumerated() {
                #expect(Self.close(g, gradient[i]), "\(hidden) m = \(m) \(reduction) component \(i)")
            }
            // Finite differences agree with each reduction's gradient, and J is the batch's cost.
            let check = try GradientCheck.run(network: network, examples: examples, reduction: reduction)
            #expect(check.summary.passed && check.summary.normDifference < 1e-8, "\(hidden) m = \(m) \(reduction)")
            #expect(check.summary.cost == batch.cost && check.summary.reduction == reduction && check.summary.exampleCount == m)
        }
    }

    @Test func theLogLikelihoodNeedsAOneHotTargetAndSoftmaxPairsOnlyWithIt() throws {
        let network = try Self.network(hidden: .tanh)
        #expect(throws: NetworkError.targetNotOneHot(target: [0.5, 0.5, 0])) {
            try network.trace(Example(input: [0, 0], target: [0.5, 0.5, 0]))
        }
        #expect(throws: NetworkError.targetNotOneHot(target: [0, 0, 0])) { try network.trace(Example(input: [0, 0], target: [0, 0, 0])) }
        #expect(NetworkError.targetNotOneHot(target: [0.5, 0.5, 0]).description
            == "the log-likelihood cost needs a one-hot target (one 1, the rest 0), not (0.5, 0.5, 0.0)")
        #expect(throws: NetworkError.softmaxNeedsLogLikelihood(cost: .quadratic)) { try network.with(cost: .quadratic) }
        #expect(throws: NetworkError.costNeedsActivation(cost: .logLikelihood, needed: .softmax, found: .tanh)) {
            try network.with(activations: [.tanh, .tanh])
        }
        #expect(throws: NetworkError.softmaxNotOutput(layer: 1, outputLayer: 2)) { try network.with(activations: [.softmax, .softmax]) }
        #expect(throws: NetworkError.activationCount(expected: 2, found: 1)) { try network.with(activations: [.softmax]) }
        // Both at once: a sigmoid network becomes a softmax one only with its cost.
        let changed = try Network.small.with(activations: [.relu, .relu, .softmax], cost: .logLikelihood)
        #expect(changed.activations == [.relu, .relu, .softmax] && changed.cost == .logLikelihood)
        // missing-derivative has no g′ to forget in the output δ a − y, as with cross-entropy.
        #expect(!BackpropBug.missingDerivative.changesDeltas(layer: 2, in: network))
        #expect(BackpropBug.missingDerivative.changesDeltas(layer: 1, in: network))
    }

    @Test func theLeanPathAndTheTrainerReduceBatchesAsThePlainPassDoes() throws {
        let network = try Self.network(hidden: .relu)
        for reduction in Reduction.allCases {
            // One step of training on the whole batch equals the plain update with the reduced gradient.
            var trained = network
            let options = TrainingOptions(epochs: 1, batchSize: 10, learningRate: 0.1, seed: 3, reduction: reduction)
            let history = try trained.train(on: Self.examples, options: options)
            let batch = try network.batch(Batch(Self.examples, reduction: reduction))
            var plain = network
            for p in network.parameters { plain.set(p, to: network.value(of: p) - 0.1 * batch.gradient[p]) }
            for p in network.parameters {
                #expect(Self.close(trained.value(of: p), plain.value(of: p)), "\(reduction) \(p)")
            }
            #expect(history.batchCosts.count == 1 && Self.close(history.batchCosts[0], batch.cost))
        }
    }
}
