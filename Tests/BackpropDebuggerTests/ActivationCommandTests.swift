import Testing
@testable import BackpropCore
@testable import BackpropDebugger

/// `activation` and a softmax output with the log-likelihood cost, as a session shows them.
struct ActivationCommandTests {
    @Test func activationListsChangesOneEveryOrEachLayer() {
        let s = Session()   // small, Ng's notation: layers 2, 3 and 4 after the input
        #expect(s.execute("activation").text.contains("4 (output)        1  sigmoid"))
        #expect(s.execute("activation 3 tanh").succeeded)
        #expect(s.network.activations == [.sigmoid, .tanh, .sigmoid])
        #expect(s.execute("cost quadratic; activation relu").succeeded)
        #expect(s.network.activations == [.relu, .relu, .relu] && s.stepper.position == 0)
        let reply = s.execute("activation tanh relu softmax --cost log-likelihood")
        #expect(reply.text.hasPrefix("activations now tanh/relu/softmax, cost log-likelihood; the pass starts again"))
        #expect(s.network.activations == [.tanh, .relu, .softmax] && s.network.cost == .logLikelihood)
        #expect(s.execute("where").text.contains("(2-2-2-1, tanh/relu/softmax, log-likelihood cost)"))
    }

    @Test(arguments: [
        ("ng", "softmax is for the output layer only (layer 4), not layer 2: it turns a layer into probabilities\n"
            + "  for a softmax output: `activation 4 softmax --cost log-likelihood`"),
        ("3b1b", "softmax is for the output layer only (layer 3), not layer 1: it turns a layer into probabilities\n"
            + "  for a softmax output: `activation 3 softmax --cost log-likelihood`"),
    ])
    func softmaxOnAHiddenLayerIsRefusedInTheSessionsLayerNumbers(notation: String, message: String) {
        // small is 2-2-2-1: Ng numbers its layers 1–4 (output 4), 3Blue1Brown 0–3 (output 3);
        // `activation softmax` puts softmax on the first hidden layer too (Ng's 2, 3Blue1Brown's 1).
        let s = Session()
        #expect(s.execute("notation \(notation)").succeeded)
        #expect(s.execute("activation softmax").error == message)
        #expect(s.execute("activation relu softmax sigmoid").error?.hasPrefix(
            "softmax is for the output layer only (layer \(notation == "ng" ? 4 : 3)), not layer \(notation == "ng" ? 3 : 2):") == true)
    }

    @Test func aSoftmaxStepShowsTheLayersSumOfExponentials() throws {
        let s = Session()
        #expect(s.execute("load mnist; activation relu relu softmax --cost log-likelihood").succeeded)
        #expect(s.execute("step 32").succeeded)   // the 32 hidden neurons
        let text = s.execute("step").text         // a(3)0
        let z = (0..<10).map { s.network.weightedInput(layer: 3, neuron: $0, previous: s.trace.a[2]) }
        let (m, e, sum) = Activation.softmaxTerms(z)
        #expect(text.contains("a(3)0 = e^(z(3)0 − m) / Σₖ e^(z(3)k − m)"), "\(text)")
        #expect(text.contains("m = max z(3)k = \(NumberFormat.significant(m))"))
        #expect(text.contains("= \(NumberFormat.significant(e[0])) / \(NumberFormat.significant(sum))   (the layer's sum of exponentials)"))
        #expect(s.trace.a[3][0] == s.network.backprop(s.example).a[3][0])
        // The cost and the output δ, with why it is a − y.
        #expect(s.execute("step 10").text.contains("C = −ln(a(3)7)   (log-likelihood: the target y is class 7)"))
        let delta = s.execute("step").text
        #expect(delta.contains("δ(3)0 = a(3)0 − y0   (log-likelihood with a softmax output)"))
        #expect(delta.contains("why a − y: ∂C/∂aₖ = −yₖ/aₖ"))
        #expect(s.execute("explain δ(3)0").text.contains("since y sums to 1"))
    }

    @Test func aSoftmaxNetworkOverReLUPassesTheGradientCheck() {
        let s = Session()
        #expect(s.execute("load mnist --untrained; activation relu relu softmax --cost log-likelihood").succeeded)
        let reply = s.execute("gradcheck --sample 200")
        #expect(reply.status == .success && reply.text.contains("verdict: PASS"), "\(reply.text)")
        let summary = s.execute("nudges --brief").text
        #expect(summary.contains("−∂C/∂a(3)ⱼ = yⱼ / aⱼ"))
    }
}
